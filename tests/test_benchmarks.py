"""The benchmark's generator makes valid, realistic bases (the benchmark itself is not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from brtrade.core.check import check_fact_base
from tests.helpers import ROOT


def test_generated_base_passes_check(tmp_path: Path) -> None:
    script = ROOT / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(script), "120", str(tmp_path)], check=True)
    report = check_fact_base(tmp_path / "facts.yaml")
    assert report.ok, [p.describe() for p in report.problems[:5]]
    twin = json.loads((tmp_path / "facts.json").read_text("utf-8"))
    assert len(twin["claims"]) == 120 and len(twin["quotes"]) == 24
    assert any("ASEAN" in c["statement"] for c in twin["claims"])


def test_generation_is_deterministic(tmp_path: Path) -> None:
    script = ROOT / "benchmarks" / "generate.py"
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(script), "40", str(tmp_path / name)], check=True)
    assert (tmp_path / "a" / "facts.yaml").read_bytes() == (
        tmp_path / "b" / "facts.yaml"
    ).read_bytes()

"""brtrade never writes to a fact file or its folder, whatever it is asked."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import MINI, Run


def snapshot(folder: Path) -> dict[str, tuple[str, int, float]]:
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            out[str(path.relative_to(folder))] = (digest, stat.st_mode, stat.st_mtime)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["facts"],
        ["facts", "cafe", "--format", "csv"],
        ["quote", "--json"],
        ["figures"],
        ["speakers"],
        ["topics"],
        ["show", "alpha-containers"],
        ["sources", "mini", "--text"],
        ["check"],
        ["derive"],
        [],
    ],
)
def test_commands_leave_the_base_untouched(run: Run, tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "base"
    shutil.copytree(MINI, folder)
    before = snapshot(folder)
    os.chmod(folder, 0o555)  # a read-only folder changes nothing for brtrade
    try:
        run("--facts", str(folder / "facts.yaml"), *args)
        run("--facts", str(folder), *args)
    finally:
        os.chmod(folder, 0o755)
    assert snapshot(folder) == before

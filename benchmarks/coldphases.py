"""Where a cold build's time goes, phase by phase, in one process.

    python benchmarks/coldphases.py BASE.yaml

A cold query reads the fact file with the fast reader (rapidyaml, where it is
installed; the precise reader, PyYAML's C composer and the node walker, is timed
beside it), merges and checks the records, and then builds the index: each record's
search terms, its stored JSON row, and the SQLite writing. Each phase is timed on its
own, with the cyclic collector paused as brtrade pauses it, beside a bare
``yaml.load`` of the same file with PyYAML's C loader (the reference of the
cold-build goal).
Phases measured apart sum to a little more than the build (caches are cold in each).
docs/performance.md quotes a run.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    got = fn()
    return time.perf_counter() - start, got


def _walk(root: Any, shown: str) -> float:
    """The time to walk composed nodes into the model (the model is then let go)."""
    from brtrade.core.model import FactFile
    from brtrade.core.validate import _Walker

    walker = _Walker(shown, None, False)
    start = time.perf_counter()
    walker.record(root, FactFile, "")
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path = Path(argv[0])
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import yaml

    from brtrade.contract import records
    from brtrade.core import fastyaml
    from brtrade.core.loader import load_fact_base
    from brtrade.core.terms import Analyzer
    from brtrade.core.yamlread import compose, read_fact_text
    from brtrade.index.build import build

    gc.disable()
    rows: list[tuple[str, float]] = []
    t, (text, _) = timed(lambda: read_fact_text(path))
    rows.append(("read and decode", t))
    t, root = timed(lambda: compose(text, str(path)))
    rows.append(("precise reader: compose YAML nodes (PyYAML C composer)", t))
    rows.append(("precise reader: walk the nodes into the model", _walk(root, str(path))))
    del root  # one copy at a time: a 100k base's nodes take gigabytes
    t_fast, fast = timed(lambda: fastyaml.read(text, str(path)))
    rows.append(
        (
            "fast reader: rapidyaml, JSON, walk into the model"
            + ("" if fast is not None else " (handed over)"),
            t_fast,
        )
    )
    del fast
    t, base = timed(lambda: load_fact_base(path))
    parse = rows[0][1] + (t_fast if rows[-1][0].endswith("model") else rows[1][1] + rows[2][1])
    rows.append(("merge and cross-record rules (load minus the reading)", max(t - parse, 0.0)))
    load = t
    analyzer = Analyzer(base)

    def terms() -> None:
        for c in base.claims:
            analyzer.claim_tokens(c)
        for q in base.quotes:
            analyzer.quote_tokens(q)

    t_terms, _ = timed(terms)
    rows.append(("search terms of every record", t_terms))

    def json_rows() -> None:
        for c in base.claims:
            records.claim(base, c)
        for q in base.quotes:
            records.quote(base, q)

    t_rows, _ = timed(json_rows)
    rows.append(("stored JSON rows of every record", t_rows))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "index.sqlite"
        target.touch()
        t_build, _ = timed(lambda: build(target, base, "profile"))
        size = target.stat().st_size
    rows.append(
        ("SQLite writing and the rest (build minus the two above)", t_build - t_terms - t_rows)
    )
    total = load + t_build
    t_ref, _ = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    gc.enable()
    print(
        f"{path} ({len(base.claims):,} claims, {len(base.quotes):,} quotes, "
        f"{len(text.encode()) / 1e6:.1f} MB of YAML; index {size / 1e6:.1f} MB)"
    )
    print()
    print("| phase | seconds | share |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| load as a whole (reading, merge: one call) | {load:.2f} | {load / total:.0%} |")
    print(f"| build as a whole (the last three) | {t_build:.2f} | {t_build / total:.0%} |")
    print(f"| **load and build** | {total:.2f} | |")
    print(f"| `yaml.load`, C loader, same process | {t_ref:.2f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

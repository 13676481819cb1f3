"""How well `brtrade verify` judges draft sentences: accuracy, catch and false alarms.

For each set of tests/verify/, finding by finding (in the order verify gives them):

- accuracy: the share of expected findings given exactly their verdict (a finding
  verify gives that no one expected counts against it);
- catch: the share of problem findings (contradicted, misquoted, misattributed,
  not-found) given exactly their verdict;
- false alarms: the share of supported findings called a problem.

Six sets, reported apart:

- sentences.yaml, written with the verify work and tuned to (its tests need every one);
- heldout.yaml, written on 2026-12-06 before any change to verify was measured on it
  and committed alone with its scores: never tuned to;
- heldout2.yaml, written that night before the first held-out set's misses were read,
  and committed alone with its scores (its misses were then printed by mistake);
- heldout3.yaml, written after that, before any change, and never read;
- heldout4.yaml, written on 2026-12-07 after that session's verify changes, committed
  alone with their scores;
- heldout5.yaml, written on 2026-12-08 at the start of a session, before its verify
  changes, committed alone with the scores of 05623c8: the clean estimate.

    python benchmarks/verify_quality.py [--misses]

The held-out sets' misses are printed only with ``--misses``, and never the latest
set's: reading them is the first step of tuning to them, and the latest is the clean
estimate. tests/verify/test_verify.py holds verify to floors set from
these figures. The issue's goals: accuracy >= 0.95, catch >= 0.95, false alarms <= 3%.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "verify" / "sentences.yaml"
HELDOUT = ROOT / "tests" / "verify" / "heldout.yaml"
HELDOUT2 = ROOT / "tests" / "verify" / "heldout2.yaml"
HELDOUT3 = ROOT / "tests" / "verify" / "heldout3.yaml"
HELDOUT4 = ROOT / "tests" / "verify" / "heldout4.yaml"
HELDOUT5 = ROOT / "tests" / "verify" / "heldout5.yaml"
SETS = (
    ("tuning set", TUNING),
    ("held-out set", HELDOUT),
    ("second held-out set", HELDOUT2),
    ("third held-out set", HELDOUT3),
    ("fourth held-out set", HELDOUT4),
    ("fifth held-out set", HELDOUT5),
)
GOALS = {"accuracy": 0.95, "catch": 0.95, "false alarms": 0.03}


def load(path: Path) -> list[dict[str, Any]]:
    import yaml

    data: list[dict[str, Any]] = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    return data


def judge() -> Callable[[str], list[list[str]]]:
    """The (kind, verdict) of each finding `brtrade verify` gives a text."""
    from brtrade.core.paths import bundled_facts_path
    from brtrade.core.verify import place_stems, verify_draft
    from brtrade.index.store import FactStore

    store = FactStore(bundled_facts_path(), use_cache=False)
    lexicon = store.lexicon()
    names = store.names()
    places = place_stems(names.entities)

    def verdicts(text: str) -> list[list[str]]:
        found = verify_draft(
            text,
            "draft.md",
            store.candidates,
            names.speakers,
            lexicon.__contains__,
            None,
            places,
            names.entities,
            store.speaker_described,
        )
        return [[f.kind, f.verdict] for f in found]

    return verdicts


def pairs(verdicts: Callable[[str], list[list[str]]], cases: list[dict[str, Any]]) -> list:
    """(expected, got) verdicts, finding by finding, over ``cases``."""
    out: list[tuple[str, str]] = []
    for case in cases:
        got = verdicts(case["text"])
        want = case["expect"]
        for i, (_, verdict) in enumerate(want):
            out.append((verdict, got[i][1] if i < len(got) else "missed"))
        out += [("none", g[1]) for g in got[len(want) :]]
    return out


def scores(found: list[tuple[str, str]]) -> dict[str, float]:
    from brtrade.core.verify import PROBLEMS

    problems = [(w, g) for w, g in found if w in PROBLEMS]
    supported = [(w, g) for w, g in found if w == "supported"]
    return {
        "n": len(found),
        "accuracy": sum(w == g for w, g in found) / max(len(found), 1),
        "catch": sum(w == g for w, g in problems) / max(len(problems), 1),
        "false alarms": sum(g in PROBLEMS for _, g in supported) / max(len(supported), 1),
    }


def misses(verdicts: Callable[[str], list[list[str]]], cases: list[dict[str, Any]]) -> list[str]:
    return [
        f"{case['text']!r}: want {case['expect']}, got {got}"
        for case in cases
        if (got := verdicts(case["text"])) != case["expect"]
    ]


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = [
        "| set | findings | accuracy | catch | false alarms |",
        "|---|---|---|---|---|",
    ]
    for title, s in rows.items():
        lines.append(
            f"| {title} | {int(s['n'])} | {s['accuracy']:.2f} | {s['catch']:.2f} "
            f"| {100 * s['false alarms']:.0f} % |"
        )
    lines.append(
        f"| goal | | ≥ {GOALS['accuracy']:.2f} | ≥ {GOALS['catch']:.2f} "
        f"| ≤ {100 * GOALS['false alarms']:.0f} % |"
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    verdicts = judge()
    show_all = "--misses" in sys.argv[1:]
    rows = {}
    wrong: dict[str, list[str]] = {}
    for title, path in SETS:
        cases = load(path)
        rows[f"{title} ({path.name})"] = scores(pairs(verdicts, cases))
        if path == TUNING or (show_all and path != SETS[-1][1]):
            wrong[title] = misses(verdicts, cases)
    print(table(rows))
    for title, lines in wrong.items():
        if lines:
            print(f"{title} misses:")
            for line in lines:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

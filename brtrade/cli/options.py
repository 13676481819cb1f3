"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli import completion
from brtrade.render.formats import Format

QueryArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[QUERY]...",
        help="A question or keywords. Stems, the base's vocabulary and numbers with their "
        "units are understood, and results must cover enough of it (see docs/matching.md). "
        "No words lists everything.",
        show_default=False,
    ),
]
JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (see docs/json-contract.md); short for --format json."),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. table (the default) is for people; json, jsonl, csv, tsv, "
        "yaml and markdown are for programs and documents.",
        show_default=False,
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="FIELD,...",
        help="Only these fields, in this order, for the machine formats "
        "(for example id,statement,figures). An unknown field lists the valid ones.",
        show_default=False,
    ),
]
RawCsvOpt = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="In CSV and TSV, write cells that begin with =, +, - or @ unchanged, "
        "without the ' that keeps spreadsheets from running them as formulas.",
    ),
]
AllWordsOpt = Annotated[
    bool,
    typer.Option(
        "--all-words",
        help="Only records that match every word of QUERY, stop words too (the strict rule "
        "of brtrade 0.1, for scripts).",
    ),
]
ExplainOpt = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show, for each result, which query words matched which fields, through which "
        "stem, synonym or number, and the score. In JSON: an extra 'explain' key.",
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        metavar="N",
        help="Show at most this many results.",
        show_default=False,
    ),
]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        "-s",
        metavar="NAME",
        autocompletion=completion.speakers,
        help="Only records attributed to this speaker. Forgives case, name order and "
        "partial names ('Xinquan Tu', 'zhou').",
        show_default=False,
    ),
]
TopicOpt = Annotated[
    str | None,
    typer.Option(
        "--topic",
        "-t",
        metavar="TOPIC",
        autocompletion=completion.topics,
        help="Only claims with this topic (id or label).",
        show_default=False,
    ),
]
EntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        "-e",
        metavar="ENTITY",
        autocompletion=completion.entities,
        help="Only claims about this entity (id, name or alias).",
        show_default=False,
    ),
]
FactsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--facts",
        envvar="BRTRADE_FACTS",
        metavar="PATH",
        help="Fact file, or folder of fact files (one per article), to read instead of the "
        "bundled base. One path: put every article's fact file in one folder.",
        show_default=False,
    ),
]


def one_facts_path(given: list[Path] | None) -> Path | None:
    """The one --facts path (BRTRADE_FACTS splits on the platform's path separator, as
    PATH does). Several are refused, never silently dropped: a base of several articles
    is one folder holding their fact files."""
    from brtrade.core.errors import UsageError

    paths = list(dict.fromkeys(given or []))
    if len(paths) > 1:
        shown = ", ".join(str(p) for p in paths[:4]) + (", ..." if len(paths) > 4 else "")
        raise UsageError(
            f"--facts (or BRTRADE_FACTS) names {len(paths)} paths ({shown}); brtrade reads one",
            hint="put the articles' fact files in one folder and give that folder",
        )
    return paths[0] if paths else None


RateToleranceOpt = Annotated[
    float,
    typer.Option(
        "--rate-tolerance",
        min=0.0,
        metavar="PERCENT",
        help="How far the implied exchange rates may spread (max - min, over the mean) "
        "before they are flagged.",
    ),
]

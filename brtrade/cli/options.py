"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

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


OUTPUT_OPTIONS = (
    ("fmt", FormatOpt, None),
    ("fields", FieldsOpt, None),
    ("raw_csv", RawCsvOpt, False),
    ("json_out", JsonFlag, False),
)
"""The output options of a listing command, in the order its help lists them."""

F = TypeVar("F", bound=Callable[..., Any])


def _bundled(
    command: F,
    name: str,
    options: Sequence[tuple[str, Any, Any]],
    pack: Callable[[dict[str, Any]], Any],
) -> F:
    """``command`` with its parameter ``name`` replaced, on the command line, by
    ``options`` (name, annotation, default), which ``pack`` makes its one value."""
    signature = inspect.signature(command, eval_str=True)
    params: list[inspect.Parameter] = []
    for p in signature.parameters.values():
        if p.name != name:
            params.append(p)
            continue
        params += [inspect.Parameter(n, p.kind, default=d, annotation=a) for n, a, d in options]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        given = {n: kwargs.pop(n) for n, _, _ in options}
        return command(*args, **{name: pack(given)}, **kwargs)

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return cast(F, run)


def output_options(command: F) -> F:
    """The output options, declared once (sqlite-utils' ``output_options``): a command
    takes one parameter, ``out: Output``, and its command line gets ``--format``,
    ``--fields``, ``--raw-csv`` and ``--json`` in that place, read into ``out`` by
    :func:`brtrade.cli.output.output_choice` before the command runs."""
    from brtrade.cli.output import output_choice

    def pack(given: dict[str, Any]) -> Any:
        return output_choice(given["fmt"], given["json_out"], given["fields"], given["raw_csv"])

    return _bundled(command, "out", OUTPUT_OPTIONS, pack)


QUERY_OPTIONS = (
    ("query", QueryArg, None),
    ("topic", TopicOpt, None),
    ("entity", EntityOpt, None),
    ("speaker", SpeakerOpt, None),
    ("limit", LimitOpt, None),
    ("all_words", AllWordsOpt, False),
    ("explain", ExplainOpt, False),
)
"""QUERY and the options that narrow or explain a search, in the order help lists them."""


def query_options(*names: str) -> Callable[[F], F]:
    """QUERY and the named query options (of :data:`QUERY_OPTIONS`), declared once: a
    command takes one parameter, ``asked: Asked``, and its command line gets them in
    that place, read into one :class:`brtrade.core.query.Asked` before it runs."""
    unknown = set(names) - {n for n, _, _ in QUERY_OPTIONS}
    if unknown:
        raise ValueError(f"no query option {sorted(unknown)}")
    chosen = [o for o in QUERY_OPTIONS if o[0] == "query" or o[0] in names]

    def pack(given: dict[str, Any]) -> Any:
        from brtrade.core.query import Asked

        return Asked(**{**given, "query": tuple(given["query"] or ())})

    def decorate(command: F) -> F:
        return _bundled(command, "asked", chosen, pack)

    return decorate

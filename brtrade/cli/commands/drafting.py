"""The command that starts a fact file from a new article: draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli.output import warn, write_text
from brtrade.cli.state import state
from brtrade.core.errors import UsageError, excerpt


def draft(
    ctx: typer.Context,
    article: Annotated[
        Path,
        typer.Argument(metavar="ARTICLE", help="The article's plain text.", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the fact file here, and the laid-out text to sources/ beside it. "
            "Neither is overwritten, but for the article itself: a text already in "
            "sources/ is drafted in place. Default: the fact file to stdout.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The article's date, for the periods it gives relative to it ('in the "
            "first two months', 'last year'). Default: its dateline's ('BEIJING, March "
            "7 (Xinhua) --'), in the latest year not after today; none without one.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a fact file for a new article: its source, quotes with speakers, figures and
    one claim per sentence, all read off the text, with verbatim evidence.

    What only an editor can write (statements, measures, topics, editorial links) is
    drafted from the text and marked 'draft: true'; 'brtrade check' passes everything
    else as written and says 'draft: N records still need an editor' (exit 4). Ids are
    unique against the base that --facts names, and entities are linked to its own.

    Attributions are read as news writes them: tags before, after or inside a quote,
    titles, a person introduced once and named by one name later, indirect speech (a
    claim with its speaker and 'basis: reported'). Each figure's measure, scope and
    period are drafted from its sentence and the article's date.

    Examples:

      brtrade draft new-article.txt -o desk/new-article.yaml

      brtrade draft desk/sources/new-article.txt -o desk/new-article.yaml

      brtrade --facts desk/ draft new-article.txt --date 2026-03-07 > desk/new-article.yaml
    """
    import yaml

    from brtrade.cli.commands.verify import read_text_input
    from brtrade.core.drafting import draft_fact_file
    from brtrade.core.text import strip_controls, words

    when = None
    if date is not None:
        import datetime

        try:
            when = datetime.date.fromisoformat(date)
        except ValueError:
            raise UsageError(
                f"--date {excerpt(date)} is not a date", hint="write it as YYYY-MM-DD"
            ) from None
    shown, text = read_text_input(str(article), "article")
    if not words(strip_controls(text)):
        raise UsageError(
            f"{excerpt(shown)}: the article is empty (no words to draft from)",
            hint="give the text of an article",
        )
    base = state(ctx).base()
    taken = [rec.id for _, group in base.groups() for rec in group]
    taken += list(base.figures_by_id)
    entities = [(e.id, (e.name, *e.aliases)) for e in base.entities]
    if state(ctx).facts is None:
        taken, entities = [], []  # a new base: the bundled one is not its neighbour
    cut: list[str] = []
    laid_out, document = draft_fact_file(
        text, article.stem, taken_ids=taken, entities=entities, cut=cut, date=when
    )
    for note in cut:  # a text past the limits: what was left out
        warn(f"{article}: {note} (split the article to draft the rest)")
    rendered = (
        f"# DRAFT fact file for {article.name}, written by 'brtrade draft'. Records marked\n"
        "# 'draft: true' need an editor: write each statement and figure measure in your\n"
        "# own words, add topics and links, then remove 'draft: true'. Evidence, quotes,\n"
        "# wordings and values are copied from the text; check proves them.\n"
        + yaml.dump(
            document,
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),  # libyaml: 3x faster
            sort_keys=False,
            allow_unicode=True,
            width=1000,
        )
    )
    if output is None:
        write_text(rendered)
        return
    text_path = output.parent / document["sources"][0]["text"]
    in_place = text_path.exists() and _same_file(text_path, article)
    if output.exists():
        raise UsageError(f"{excerpt(str(output))} exists", hint="give a new name, or move it")
    if text_path.exists() and not in_place and text_path.read_text("utf-8") != laid_out:
        raise UsageError(
            f"{excerpt(str(text_path))} exists and holds another text",
            hint="draft that text in place (give it as the ARTICLE), or move it",
        )
    text_path.parent.mkdir(parents=True, exist_ok=True)
    if not text_path.exists() or text_path.read_text("utf-8") != laid_out:
        text_path.write_text(laid_out, "utf-8")  # in place: laid out as the base reads it
        laid = "laid out " if in_place else ""
        warn(f"draft: {laid}the article's text in {text_path}")
    output.write_text(rendered, "utf-8")
    counts = {k: len(document[k]) for k in ("speakers", "quotes", "claims")}
    figures = sum(len(c.get("figures", [])) for c in document["claims"])

    def n(count: int, what: str) -> str:
        return f"{count} {what}" + ("" if count == 1 else "s")

    warn(
        f"draft: wrote {output}: {n(counts['claims'], 'claim')} with "
        f"{n(figures, 'figure')}, {n(counts['quotes'], 'quote')}, "
        f"{n(counts['speakers'], 'speaker')}; next: brtrade check {output}"
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False

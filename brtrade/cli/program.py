"""The brtrade command line: the app, its root options, and the entry point.

Each command lives in :mod:`brtrade.cli.commands` and is registered here, in
the order ``--help`` lists them. Commands parse options, ask the core or the
store, and hand the result to a renderer. Errors from the core propagate to
:class:`~brtrade.cli.errors.BrtradeGroup`, which turns them into messages and
exit codes. Heavy modules (YAML, Rich) are imported inside the commands that
use them.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from brtrade import __version__
from brtrade.cli.commands import browse, cache, drafting, export, integrity, search, verify
from brtrade.cli.errors import BrtradeGroup, completing, debug_requested, handle
from brtrade.cli.listing import State
from brtrade.cli.options import FactsOpt, one_facts_path
from brtrade.cli.output import emit_rich, write_text
from brtrade.core.errors import BrtradeError
from brtrade.core.files import FORMAT_VERSION


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


_APP_SETTINGS: dict[str, object] = {
    "cls": BrtradeGroup,
    "name": "brtrade",
    "help": "Answer questions from a curated fact base of news articles: their claims, "
    "figures and quotes. Every answer cites the sentence it came from. The bundled base "
    "holds one article, on China's 2020 trade along the Belt & Road routes; --facts "
    "reads others.",
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
app = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]


def _man(value: bool) -> None:
    if value:
        import typer.main

        from brtrade.cli.manpage import man_page

        write_text(man_page(typer.main.get_command(app)))
        raise typer.Exit()


def _version(value: bool) -> None:
    if value:
        from brtrade.contract.shapes import CONTRACT_VERSION

        write_text(
            f"brtrade {__version__} (JSON contract {CONTRACT_VERSION}, "
            f"fact-file format {FORMAT_VERSION})\n"
        )
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    facts: FactsOpt = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show tracebacks for errors, and why the index was not used (or BRTRADE_DEBUG=1).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the persistent index; parse the fact files every run "
            "(or BRTRADE_NO_CACHE=1).",
        ),
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            case_sensitive=False,
            help="Colour: auto (on a terminal; NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE "
            "are honoured), always (through a pipe or pager too) or never.",
        ),
    ] = Color.auto,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page (or BRTRADE_NO_PAGER=1). Otherwise output longer than the "
            "terminal goes through BRTRADE_PAGER, PAGER or 'less -FRX', and never when "
            "stdout is not a terminal.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    help_man: Annotated[
        bool,
        typer.Option(
            "--help-man",
            callback=_man,
            is_eager=True,
            help="Print the man page, brtrade(1), in roff: 'brtrade --help-man | man -l -'.",
        ),
    ] = False,
) -> None:
    """Answer questions from a curated fact base of news articles: their claims, figures
    and quotes. Every answer cites the sentence it came from. The bundled base holds one
    article, on China's 2020 trade along the Belt & Road routes; --facts reads others.

    Run 'brtrade' alone for an overview of the base, or 'brtrade COMMAND --help'.
    """
    del version, help_man  # read by the eager callbacks
    from brtrade.cli.output import SETTINGS, warn
    from brtrade.core import environment

    for problem in environment.problems():  # each bad value: one warning, then its default
        warn(f"warning: {problem}")
    debug = debug or environment.flag("BRTRADE_DEBUG")
    no_cache = no_cache or environment.flag("BRTRADE_NO_CACHE")
    no_pager = no_pager or environment.flag("BRTRADE_NO_PAGER")

    SETTINGS.color = color.value
    SETTINGS.pager = not no_pager
    ctx.obj = State(one_facts_path(facts), use_cache=not no_cache, debug=debug)
    ctx.call_on_close(ctx.obj.close)  # its index holds a read lock until closed
    if ctx.invoked_subcommand is None:
        _overview(ctx.obj)


def _overview(state: State) -> None:
    from brtrade.render import tables

    counts = list(state.store().counts().items())
    examples = [
        "brtrade facts asean",
        'brtrade quote --speaker "Tu Xinquan"',
        "brtrade facts \"belt and road\" --json | jq '.[] | .figures'",
    ]
    emit_rich(lambda plain: tables.overview(counts, examples))


COMMANDS = (
    search.facts,
    search.quote,
    search.figures,
    browse.speakers,
    browse.topics,
    browse.show,
    browse.sources,
    integrity.check,
    integrity.derive,
    integrity.schema,
    verify.verify,
    export.export,
    drafting.draft,
)
for command in COMMANDS:
    app.command()(command)
app.add_typer(cache.cache_app)

_ROOT_VALUES = frozenset({"--facts", "--color"})
"""Root options that take a value, as the next word."""


def _completed_words() -> list[str]:
    """While a shell completes, the words of its command line before the one being
    completed (bash: COMP_WORDS and COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS)."""
    import os
    import shlex

    try:
        if "COMP_WORDS" in os.environ:
            words = shlex.split(os.environ["COMP_WORDS"])
            return words[1 : int(os.environ.get("COMP_CWORD", len(words)))]
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)
        return words[1:] if line.endswith(" ") else words[1:-1]
    except ValueError:
        return ["--help"]  # an unbalanced quote: let the whole app complete


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` runs, when they name one: Typer builds
    every command's parameters from its signature on each run, which costs start-up
    time in proportion to the commands it has. Help, completion and anything else get
    the whole app."""

    if completing():
        args = _completed_words()  # a TAB: the words before the one being completed
    words = iter(args)
    for word in words:
        if word in _ROOT_VALUES:
            next(words, None)
            continue
        if word.startswith("-"):
            if word in ("--help", "-h", "--help-man", "--version") or "completion" in word:
                return app
            continue
        chosen = next((c for c in COMMANDS if c.__name__ == word), None)
        if chosen is None:
            return app  # 'cache', a typo: the whole app answers
        small = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]
        small.callback(invoke_without_command=True)(root)
        small.command()(chosen)
        return small
    return app


def main() -> None:
    """Console-script entry point.

    Domain errors are handled by BrtradeGroup; anything that escapes it is a
    bug, shown as one line (or a traceback with --debug) with exit code 70.
    """
    from brtrade.cli.output import reliable_stdout

    reliable_stdout()
    try:
        _app_for(sys.argv[1:])()
    except (KeyboardInterrupt, BrokenPipeError, BrtradeError) as exc:
        # outside a command: while starting up, completing, or flushing at exit
        sys.exit(handle(exc))
    except Exception as exc:  # noqa: BLE001 - the last line of defence, not used in tests
        sys.exit(handle(exc, debug_requested(None)))

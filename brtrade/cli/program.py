"""The brtrade command line: the app, its root options, the entry point, and the one
table of commands, looked up lazily.

Each command lives in :mod:`brtrade.cli.commands` and is named here, in the order
``--help`` lists them (:data:`COMMANDS`). The root group looks a command up in a lazy
table (:class:`LazyCommands`, Click's lazy-group pattern): its module is imported and
its parameters built only when it runs, is asked for help or is completed, so a run
pays for one command, not fourteen. Commands parse options, ask the core or the
store, and hand the result to a renderer. Errors from the core propagate to
:class:`~brtrade.cli.errors.BrtradeGroup`, which turns them into messages and
exit codes. Heavy modules (YAML, Rich) are imported inside the commands that
use them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
from enum import Enum
from typing import Annotated, Any

import typer

from brtrade import __version__
from brtrade.cli.errors import BrtradeGroup, debug_requested, handle
from brtrade.cli.options import FactsOpt, one_facts_path
from brtrade.cli.output import emit_rich, write_text
from brtrade.cli.state import State
from brtrade.core.errors import BrtradeError
from brtrade.core.files import FORMAT_VERSION


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


COMMANDS: dict[str, str] = {
    "facts": "search:facts",
    "quote": "search:quote",
    "figures": "search:figures",
    "speakers": "browse:speakers",
    "topics": "browse:topics",
    "show": "browse:show",
    "sources": "browse:sources",
    "check": "integrity:check",
    "derive": "integrity:derive",
    "schema": "integrity:schema",
    "verify": "verify:verify",
    "export": "export:export",
    "draft": "drafting:draft",
    "cache": "cache:cache_app",
}
"""Each command, in the order ``--help`` lists them: ``module:name`` of its function (or
of its Typer app, for a group) in :mod:`brtrade.cli.commands`. The one list of them."""


def build_command(spec: str) -> Any:
    """The Click command of one :data:`COMMANDS` entry, its module imported now."""
    import importlib

    import typer.main

    module, name = spec.split(":")
    target = getattr(importlib.import_module(f"brtrade.cli.commands.{module}"), name)
    if not isinstance(target, typer.Typer):
        one = typer.Typer(add_completion=False, rich_markup_mode=None)
        one.command()(target)
        target = one
    return typer.main.get_command(target)


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, each built on first lookup (:func:`build_command`)."""

    def __init__(self, table: dict[str, str]) -> None:
        self._table = table
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        found = self._built.get(name)
        if found is None:
            if name not in self._table:
                raise KeyError(name)
            found = self._built[name] = build_command(self._table[name])
        return found

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._table.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._table
        yield from (n for n in self._built if n not in self._table)

    def __len__(self) -> int:
        return len(set(self._table) | set(self._built))


class RootGroup(BrtradeGroup):
    """The root group, its commands looked up in :data:`COMMANDS` when asked for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = LazyCommands(dict(COMMANDS))


_APP_SETTINGS: dict[str, object] = {
    "cls": RootGroup,
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
    from brtrade.cli import startup
    from brtrade.cli.output import Settings, warn
    from brtrade.core import environment

    startup.resume()  # the command is found and built: start-up is over

    for problem in environment.problems():  # each bad value: one warning, then its default
        warn(f"warning: {problem}")
    debug = debug or environment.flag("BRTRADE_DEBUG")
    no_cache = no_cache or environment.flag("BRTRADE_NO_CACHE")
    no_pager = no_pager or environment.flag("BRTRADE_NO_PAGER")

    output = Settings(color.value, pager=not no_pager)
    ctx.obj = State(one_facts_path(facts), use_cache=not no_cache, debug=debug, output=output)
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


def main() -> None:
    """Console-script entry point.

    Domain errors are handled by BrtradeGroup; anything that escapes it is a
    bug, shown as one line (or a traceback with --debug) with exit code 70.
    """
    from brtrade.cli.output import reliable_stdout

    reliable_stdout()
    try:
        app()
    except (KeyboardInterrupt, BrokenPipeError, BrtradeError) as exc:
        # outside a command: while starting up, completing, or flushing at exit
        sys.exit(handle(exc))
    except Exception as exc:  # noqa: BLE001 - the last line of defence, not used in tests
        sys.exit(handle(exc, debug_requested(None)))

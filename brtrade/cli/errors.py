"""Exit codes, and the one place where errors become messages and exit codes.

:func:`exit_code_for` decides every exit code and :func:`handle` words every message:
a domain error from the core (:class:`~brtrade.core.errors.BrtradeError`), a usage
error from the command line, a closed pipe, Ctrl-C and a bug. :class:`BrtradeGroup`
and ``program.main`` (for what escapes a command: start-up, completion) only catch and
call :func:`handle`, and they alone call ``sys.exit``. A command ends with a result
code of its own only for a result (``typer.Exit``: 1 nothing matched, 4 drafts left).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperGroup

from brtrade.cli.output import OutputError, flush_stdout, silence_stdout, warn
from brtrade.cli.typer_compat import click
from brtrade.core.errors import BrtradeError, FactBaseError, NotFoundError, UsageError


class ExitCode(IntEnum):
    """brtrade's exit codes. Documented in docs/commands.md; change them never."""

    OK = 0
    """Something was found (or the command has no result set)."""
    NO_MATCH = 1
    """Nothing matched the query, or a name or id the user gave matches nothing."""
    USAGE = 2
    """The command line is wrong: unknown option, bad value, empty query."""
    BAD_FACTS = 3
    """The fact base is missing, unreadable or invalid."""
    DRAFT = 4
    """`check`: the base is valid, but records marked draft still need an editor."""
    INTERNAL = 70
    """A bug in brtrade (EX_SOFTWARE); re-run with --debug and report it."""
    OUTPUT = 74
    """stdout could not be written, as on a full disk (EX_IOERR)."""
    INTERRUPTED = 130
    """Interrupted by Ctrl-C (128 + SIGINT)."""
    BROKEN_PIPE = 141
    """The reader of stdout went away, as in `| head` (128 + SIGPIPE)."""


EXIT_FOR: dict[type[BrtradeError], ExitCode] = {
    FactBaseError: ExitCode.BAD_FACTS,
    UsageError: ExitCode.USAGE,
    NotFoundError: ExitCode.NO_MATCH,
    OutputError: ExitCode.OUTPUT,
}
"""The exit code of each kind of domain error. Every subclass of BrtradeError is here,
or its nearest base class is (tests/test_cli.py fails on one that is not)."""


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code of anything that ends a run: the one place that decides them."""
    if isinstance(error, BrtradeError):
        for cls in type(error).__mro__:
            if cls in EXIT_FOR:
                return EXIT_FOR[cls]
        return ExitCode.INTERNAL  # a domain error no one mapped: a bug, never 'usage'
    if isinstance(error, BrokenPipeError):
        return ExitCode.BROKEN_PIPE
    if isinstance(error, (KeyboardInterrupt, typer.Abort)):
        return ExitCode.INTERRUPTED
    if isinstance(error, click.exceptions.UsageError):
        return ExitCode.USAGE
    if isinstance(error, click.exceptions.ClickException):
        return ExitCode(error.exit_code) if error.exit_code in set(ExitCode) else ExitCode.USAGE
    return ExitCode.INTERNAL


def handle(error: BaseException, debug: bool = False) -> ExitCode:
    """Say what ended the run, in one line on stderr (nothing for a closed pipe or
    Ctrl-C), and return its exit code: every ``except`` that ends a run calls this."""
    code = exit_code_for(error)
    if isinstance(error, BrokenPipeError):
        silence_stdout()
    elif isinstance(error, BrtradeError):
        if debug:
            print_traceback()
        warn(f"error: {error.describe()}")
    elif isinstance(error, click.exceptions.UsageError):
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
        warn(f"usage error: {error.format_message()}{hint}")
    elif isinstance(error, click.exceptions.ClickException):
        warn(f"error: {error.format_message()}")
    elif code == ExitCode.INTERNAL:
        if debug:
            print_traceback()
        warn(
            f"internal error: {type(error).__name__}: {error} "
            "(re-run with --debug for the traceback, and please report it)"
        )
    return code


def env_flag(name: str) -> bool:
    """A boolean environment variable, read as the options' own envvars are read:
    true for 1, true, t, yes, y or on (any case), so ``BRTRADE_DEBUG=false``, ``0``,
    ``no`` and ``off`` are false. (Where the value is neither, the option itself
    reports a usage error; before the options are parsed, it counts as false.)"""
    from brtrade.core.environment import flag

    return flag(name)


def print_traceback() -> None:
    """The traceback of the error being handled, on stderr, for --debug."""
    import traceback

    try:
        traceback.print_exc(file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass


def completing() -> bool:
    """Whether a shell is asking for completions (Typer's ``_PROG_COMPLETE`` variable)."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)


def debug_requested(args: Sequence[str] | None) -> bool:
    argv = list(args) if args is not None else sys.argv[1:]
    return "--debug" in argv or env_flag("BRTRADE_DEBUG")


class BrtradeGroup(TyperGroup):
    """The root command group; see the module docstring."""

    forgiving = False
    """While a shell completes: each command looked up is given :meth:`forgive`."""

    def forgive(self, command: click.Command) -> None:
        """Offer completions as the options match: brtrade's own completers already
        filter, forgiving case and word starts (Typer would keep exact prefixes only)."""
        from brtrade.cli import completion
        from brtrade.cli.typer_compat import complete_unfiltered

        ours = {
            "speaker": completion.speakers,
            "topic": completion.topics,
            "entity": completion.entities,
        }
        complete_unfiltered([command], ours)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None and self.forgiving:
            self.forgive(command)
        return command

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        # Root --help is printed while the command line is parsed: a closed pipe
        # there is 141 too (Click itself would exit 1).
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError as exc:
            raise typer.Exit(handle(exc)) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (BrokenPipeError, KeyboardInterrupt) as exc:
            raise typer.Exit(handle(exc)) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        debug = debug_requested(args)
        argv = list(args) if args is not None else sys.argv[1:]
        if any(a in ("--install-completion", "--show-completion") for a in argv):
            from brtrade.cli.shells import use_brtrade_scripts

            use_brtrade_scripts()
        if completing():
            self.forgiving = True  # only while a shell asks for completions
            if os.environ.get("_BRTRADE_COMPLETE", "").endswith("_bash"):
                # bash always sets these; without them (a script, a stray variable)
                # there is nothing typed to complete, not an internal error
                os.environ.setdefault("COMP_WORDS", "")
                if not os.environ.get("COMP_CWORD", "").isdigit():
                    os.environ["COMP_CWORD"] = "0"
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except (BrtradeError, click.exceptions.ClickException, typer.Abort) as exc:
            code = handle(exc, debug)  # the same exit code with and without --debug
        try:
            flush_stdout()  # what is still buffered must reach the file, or be reported
        except (BrokenPipeError, OutputError) as exc:
            code = handle(exc)
        if not standalone_mode:
            return code
        sys.exit(int(code))

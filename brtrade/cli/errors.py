"""Exit codes, and the one place where errors become messages and exit codes.

:class:`BrtradeGroup` wraps every command: a domain error from the core
(:class:`~brtrade.core.errors.BrtradeError`) becomes one line on stderr and
its exit code; a usage error from the command line, a closed pipe and Ctrl-C
are handled here too. Nothing else in brtrade calls ``sys.exit``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from brtrade.cli.output import OutputError, flush_stdout, silence_stdout
from brtrade.core.errors import BrtradeError, FactBaseError, NotFoundError, UsageError
from brtrade.render.safe import terminal_safe


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


_EXIT_FOR: tuple[tuple[type[BrtradeError], ExitCode], ...] = (
    (FactBaseError, ExitCode.BAD_FACTS),
    (UsageError, ExitCode.USAGE),
    (NotFoundError, ExitCode.NO_MATCH),
    (OutputError, ExitCode.OUTPUT),
)


def exit_code_for(error: BrtradeError) -> ExitCode:
    for cls, code in _EXIT_FOR:
        if isinstance(error, cls):
            return code
    return ExitCode.USAGE


def warn(message: str) -> None:
    """One line on stderr, made safe for the terminal.

    A message that cannot be written (stderr closed, as with ``2>&-``, or gone) is
    dropped: the exit code says what happened whether or not it was heard.
    """
    try:
        sys.stderr.write(f"brtrade: {terminal_safe(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def env_flag(name: str) -> bool:
    """A boolean environment variable, read as the options' own envvars are read:
    true for 1, true, t, yes, y or on (any case), so ``BRTRADE_DEBUG=false``, ``0``,
    ``no`` and ``off`` are false. (Where the value is neither, the option itself
    reports a usage error; before the options are parsed, it counts as false.)"""
    from brtrade.core.environment import flag

    return flag(name)


def report(error: BrtradeError) -> ExitCode:
    """Print a domain error as one line on stderr and return its exit code."""
    warn(f"error: {error.describe()}")
    return exit_code_for(error)


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

    def forgive_completion(self) -> None:
        """Offer completions as the options match: Typer 0.27 keeps only the candidates
        that start with exactly what was typed, so 'zh' would never offer 'Zhou Mi'.
        brtrade's own completers already filter, forgiving case and word starts."""
        from typer._click.shell_completion import CompletionItem

        from brtrade.cli import completion

        ours = {
            "speaker": completion.speakers,
            "topic": completion.topics,
            "entity": completion.entities,
        }

        def unfiltered(fn: Any) -> Any:
            def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
                return [CompletionItem(v) for v in fn(ctx, incomplete)]

            return complete

        for command in self.commands.values():
            for param in getattr(command, "params", ()):
                fn = ours.get(param.name or "")
                if fn is not None and getattr(param, "_custom_shell_complete", None):
                    param._custom_shell_complete = unfiltered(fn)

    def make_context(self, *args: Any, **kwargs: Any) -> _click.Context:
        # Root --help is printed while the command line is parsed: a closed pipe
        # there is 141 too (Click itself would exit 1).
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(ExitCode.BROKEN_PIPE) from None
        except KeyboardInterrupt:
            raise typer.Exit(ExitCode.INTERRUPTED) from None

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
            self.forgive_completion()  # only while a shell asks for completions
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
        except BrtradeError as exc:
            if debug:
                print_traceback()
            code = report(exc)  # the same exit code with and without --debug
        except _click.exceptions.UsageError as exc:
            hint = ""
            if exc.ctx is not None:
                hint = f" (see '{exc.ctx.command_path} --help')"
            warn(f"usage error: {exc.format_message()}{hint}")
            code = ExitCode.USAGE
        except _click.exceptions.ClickException as exc:
            warn(f"error: {exc.format_message()}")
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        try:
            flush_stdout()  # what is still buffered must reach the file, or be reported
        except BrokenPipeError:
            silence_stdout()
            code = ExitCode.BROKEN_PIPE
        except OutputError as exc:
            code = report(exc)
        if not standalone_mode:
            return code
        sys.exit(int(code))

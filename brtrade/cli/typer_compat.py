"""Every use of Typer's (and its vendored Click's) private API, in one file.

Typer is pinned to 0.27.x (0.29 imports pydantic and starts 2.6x slower). What brtrade
needs of it beyond the public API is here, each with a test in
tests/test_typer_compat.py, so that raising the pin means reading this file and running
that test. ``tests/test_design.py`` rejects a private import of a third-party package
anywhere else.

- :data:`click`: Typer 0.27 vendors Click as ``typer._click``: its ``Context`` and its
  exceptions (``UsageError``, ``ClickException``), for the one error path.
- :func:`current_context`: the Click context of the command that runs (Typer 0.27 keeps
  it in ``typer._click.globals``), where the root options' state lives.
- :func:`complete_unfiltered`: Typer keeps only the completion candidates that start
  with exactly what was typed, so 'zh' would never offer 'Zhou Mi'; brtrade's
  completers already filter, forgiving case and word starts.
- :func:`use_completion_scripts` and :func:`completion_script`: brtrade's zsh script and
  install in place of Typer's (see :mod:`brtrade.cli.shells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from typer import _click as click

__all__ = [
    "click",
    "complete_unfiltered",
    "completion_script",
    "current_context",
    "use_completion_scripts",
]

Completer = Callable[[Any, str], list[str]]


def current_context() -> Any:
    """The Click context of the command that runs, or None outside one."""
    from typer._click.globals import get_current_context

    return get_current_context(silent=True)


def complete_unfiltered(commands: Iterable[Any], completers: Mapping[str, Completer]) -> None:
    """Hand each option named in ``completers`` of each command its completer's own
    candidates, unfiltered by Typer (Typer 0.27: ``param._custom_shell_complete``)."""
    from typer._click.shell_completion import CompletionItem

    def unfiltered(fn: Completer) -> Callable[[Any, Any, str], list[Any]]:
        def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
            return [CompletionItem(v) for v in fn(ctx, incomplete)]

        return complete

    for command in commands:
        for param in getattr(command, "params", ()):
            fn = completers.get(param.name or "")
            if fn is not None and getattr(param, "_custom_shell_complete", None):
                param._custom_shell_complete = unfiltered(fn)


def use_completion_scripts(scripts: Mapping[str, str], installers: Mapping[str, Any]) -> None:
    """Put these completion scripts (by shell) and installers in place of Typer's
    (Typer 0.27: ``typer._completion_shared._completion_scripts`` and its
    ``install_<shell>`` functions)."""
    from typer import _completion_shared as shared

    table: dict[str, Any] = shared._completion_scripts  # noqa: SLF001
    table.update(scripts)
    for shell, install in installers.items():
        setattr(shared, f"install_{shell}", install)


def completion_script(*, prog_name: str, complete_var: str, shell: str) -> str:
    """The completion script Typer writes for ``shell``, with brtrade's in place."""
    from typer._completion_shared import get_completion_script

    script: str = get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell)
    return script

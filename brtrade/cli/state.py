"""The root options' state: the fact store the command that runs answers from, and how
its output reaches the user (--color, --no-pager)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from brtrade.cli.output import Settings, warn

if TYPE_CHECKING:
    from brtrade.core.model import FactBase
    from brtrade.index.store import FactStore


class State:
    """What the root options set up for the command that runs."""

    def __init__(
        self,
        facts: Path | None,
        use_cache: bool = True,
        debug: bool = False,
        output: Settings | None = None,
    ) -> None:
        self.facts = facts
        self.use_cache = use_cache
        self.debug = debug
        self.output = output or Settings()
        """--color and --no-pager (:func:`brtrade.cli.output.settings` reads them)."""
        self._store: FactStore | None = None

    def note(self, message: str, always: bool) -> None:
        """What the store says about the cache: always, or only with --debug."""
        if always or self.debug:
            warn(message)

    def store(self) -> FactStore:
        if self._store is None:
            from brtrade.core.paths import bundled_facts_path
            from brtrade.index.store import FactStore

            self._store = FactStore(
                self.facts or bundled_facts_path(), use_cache=self.use_cache, on_note=self.note
            )
        return self._store

    def base(self) -> FactBase:
        return self.store().base()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state

"""Dynamic shell completion: speaker names, topics, entities and record ids.

Completion runs on every TAB, before any command: it reads the base that
--facts or BRTRADE_FACTS names (or the bundled one), and offers nothing,
silently, when that base cannot be read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from brtrade.core.model import FactBase
    from brtrade.core.query import Names
    from brtrade.index.store import FactStore


def _store(ctx: typer.Context) -> FactStore:
    from brtrade.core.paths import bundled_facts_path
    from brtrade.index.store import FactStore

    params = ctx.find_root().params
    facts = params.get("facts") or os.environ.get("BRTRADE_FACTS")
    no_cache = params.get("no_cache") or os.environ.get("BRTRADE_NO_CACHE", "") not in ("", "0")
    return FactStore(Path(facts) if facts else bundled_facts_path(), use_cache=not no_cache)


def _names(ctx: typer.Context) -> Names | None:
    from brtrade.core.errors import BrtradeError

    try:
        return _store(ctx).names()
    except BrtradeError:
        return None


def _base(ctx: typer.Context) -> FactBase | None:
    from brtrade.core.errors import BrtradeError

    try:
        return _store(ctx).base()
    except BrtradeError:
        return None


def _matching(incomplete: str, items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Items whose value, or a word of it, starts with what was typed (folded)."""
    from brtrade.core.text import fold, words

    typed = fold(incomplete).strip()
    out = []
    for value, help_text in items:
        folded = fold(value)
        if not typed or folded.startswith(typed) or any(w.startswith(typed) for w in words(value)):
            out.append((value, help_text))
    return out


def speakers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    names = _names(ctx)
    if names is None:
        return []
    return _matching(incomplete, ((name, sid) for sid, name in names.speakers))


def topics(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    names = _names(ctx)
    if names is None:
        return []
    return _matching(incomplete, names.topics)


def entities(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    names = _names(ctx)
    if names is None:
        return []
    return _matching(incomplete, ((name, eid) for eid, name, _ in names.entities))


def record_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    base = _base(ctx)
    if base is None:
        return []
    return [
        (rid, kind)
        for kind, records in base.index.items()
        for rid in records
        if rid.startswith(incomplete)
    ]


def source_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    base = _base(ctx)
    if base is None:
        return []
    return [(s.id, s.label) for s in base.sources if s.id.startswith(incomplete)]

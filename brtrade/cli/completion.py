"""Dynamic shell completion: speaker names, topics, entities and record ids.

Completion runs on every TAB, before any command: it reads the names from the
persistent index of the base that --facts or BRTRADE_FACTS names (or the
bundled one), and offers nothing, silently, when that base cannot be read.

Values come without help text on purpose: Typer renders completion help
through Rich, which would cost each TAB about 50 ms.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from brtrade.core.names import Names
    from brtrade.index.store import FactStore


def _store(ctx: typer.Context) -> FactStore | None:
    """The store of the base in use; None for a pipe (a TAB must never read the
    shell's stdin or wait on a FIFO)."""
    from brtrade.core import environment
    from brtrade.core.files import is_pipe
    from brtrade.core.paths import bundled_facts_path
    from brtrade.index.store import FactStore

    params = ctx.find_root().params
    given = params.get("facts") or environment.facts()
    if isinstance(given, (list, tuple)):
        given = given[0] if len(given) == 1 else None
    elif isinstance(given, str) and os.pathsep in given and not os.path.exists(given):
        given = None  # several paths: the command will refuse them; offer nothing
    facts = given
    no_cache = params.get("no_cache") or environment.flag("BRTRADE_NO_CACHE")
    root = Path(facts) if facts else bundled_facts_path()
    if is_pipe(root):
        return None
    return FactStore(root, use_cache=not no_cache)


def _names(ctx: typer.Context) -> Names | None:
    from brtrade.core.errors import BrtradeError

    try:
        store = _store(ctx)
        return store.names() if store is not None else None
    except BrtradeError:
        return None


def _for_shell(values: list[str]) -> list[str]:
    """Bash inserts a candidate as typed: escape spaces and specials ("Tu\\ Xinquan").
    Typer quotes candidates itself for zsh, fish and PowerShell."""
    if os.environ.get("_BRTRADE_COMPLETE") != "complete_bash":
        return values
    import re

    return [re.sub(r"([\s'\"\\$`&;|<>()*?!#~{}\[\]])", r"\\\1", v) for v in values]


def _matching(incomplete: str, values: Iterable[str], escape: bool = True) -> list[str]:
    """Values that, or a word of which, start with what was typed (folded)."""
    from brtrade.core.text import fold, words

    typed = fold(incomplete).strip()
    out = []
    for value in values:
        folded = fold(value)
        if not typed or folded.startswith(typed) or any(w.startswith(typed) for w in words(value)):
            out.append(value)
    return _for_shell(out) if escape else out


def speakers(ctx: typer.Context, incomplete: str) -> list[str]:
    names = _names(ctx)
    return [] if names is None else _matching(incomplete, (n for _, n in names.speakers))


def topics(ctx: typer.Context, incomplete: str) -> list[str]:
    names = _names(ctx)
    return [] if names is None else _matching(incomplete, (t for t, _ in names.topics))


def entities(ctx: typer.Context, incomplete: str) -> list[str]:
    """Entity names, or the alias that matches: 'southeast' offers 'Association of
    Southeast Asian Nations', an alias of ASEAN."""
    names = _names(ctx)
    if names is None:
        return []
    out = []
    for _, name, aliases in names.entities:
        # the name if it matches, else the alias that does: shells that filter for
        # themselves (fish) then keep it, and --entity takes an alias as well as a name
        hit = next((n for n in (name, *aliases) if _matching(incomplete, [n], escape=False)), None)
        if hit is not None:
            out.append(hit)
    return _for_shell(out)


def record_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from brtrade.core.errors import BrtradeError

    try:
        store = _store(ctx)
        return [] if store is None else store.ids(incomplete)
    except BrtradeError:
        return []


def source_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    names = _names(ctx)
    return [] if names is None else [s for s in names.sources if s.startswith(incomplete)]

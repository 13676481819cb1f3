"""Answers chosen or ordered by what their records give, not by their words: the lead
of a question asking what the article is about (:func:`lead`), the answers to what grew
the most sorted by their changes (:func:`by_change`), and those to a question for a
whole flow kept to the records of one (:func:`of_a_whole_flow`). Each reads a few
records' citations or figures from the :class:`~brtrade.core.engine.Store` that
:func:`brtrade.core.engine.search` ranked them in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from brtrade.core.query import Query


class Figured(Protocol):
    """What these answers read of a store's records (part of
    :class:`brtrade.core.engine.Store`)."""

    def listed(self, q: Query) -> list[int]:
        """The records the filters let through, in document order, at most ``q.limit``."""

    def changes(self, ords: Sequence[int]) -> Mapping[int, list[float]]:
        """The percentage changes the figures of these records give (for a question
        asking what grew the most)."""

    def cited(self, ords: Sequence[int]) -> Mapping[int, tuple[str, Sequence[int]]]:
        """The source and paragraphs each of these records cites (for a question asking
        what the article is about)."""

    def measures(self, ords: Sequence[int]) -> Mapping[int, list[str]]:
        """What the amounts and changes of these records measure (for a question asking
        for a whole flow)."""


LEAD_SCAN = 2000
"""How many records, in document order, a question asking what the article is about
looks through for the lead."""


def lead(store: Figured, q: Query) -> list[int]:
    """The lead: the records citing the first paragraph of their source that any record
    cites, in document order ('what is the story about' is answered as a reporter's
    first paragraph answers it). Looked for among the first :data:`LEAD_SCAN` records
    the filters let through; at most ``q.limit``."""
    ords = store.listed(q._replace(limit=LEAD_SCAN))
    cited = store.cited(ords)
    first: dict[str, int] = {}
    for source, paragraphs in cited.values():
        if paragraphs:
            first[source] = min(first.get(source, min(paragraphs)), min(paragraphs))
    found = [
        o for o in ords if o in cited and cited[o][1] and min(cited[o][1]) == first[cited[o][0]]
    ]
    return found[: q.limit]


SORTED_BY_CHANGE = 2000
"""How many of the best answers a question asking what grew the most sorts by change."""


def by_change(
    ranked: list[tuple[int, int, int]], store: Figured, extreme: str
) -> list[tuple[int, int, int]]:
    """The answers with a percentage change first, the greatest (``extreme`` 'max') or
    the least ('min') first, then the rest as ranked: 'which trade grew fastest' is
    answered by the 34.4 % of rail trade, not the 7 % of ASEAN's that ranked first.
    Ties keep their rank. Only the best :data:`SORTED_BY_CHANGE` are sorted."""
    head, tail = ranked[:SORTED_BY_CHANGE], ranked[SORTED_BY_CHANGE:]
    changes = store.changes([o for o, _, _ in head])
    sign = -1 if extreme == "max" else 1

    def key(hit: tuple[int, int, int]) -> tuple[int, float]:
        values = changes.get(hit[0])
        if not values:
            return (1, 0.0)
        return (0, sign * (max(values) if extreme == "max" else min(values)))

    return sorted(head, key=key) + tail


_SCOPED = re.compile(r"\b(?:with|to|from|along|between|among|in)\b", re.IGNORECASE)
"""Words by which a figure's measure names what a flow is with or where: 'China's trade
volume **with** ASEAN', 'exports **to** countries **along** the routes'."""


def of_a_whole_flow(
    ranked: list[tuple[int, int, int]], store: Figured
) -> list[tuple[int, int, int]]:
    """The answers with an amount or a change whose measure is not scoped to a partner
    or place: 'what was China's total trade' is not answered by its trade with ASEAN,
    nor by the share the Belt & Road is of the total. Only the best
    :data:`SORTED_BY_CHANGE` are looked at."""
    head = ranked[:SORTED_BY_CHANGE]
    measures = store.measures([o for o, _, _ in head])
    return [hit for hit in head if any(not _SCOPED.search(m) for m in measures.get(hit[0], ()))]


def lead_notes(store: Figured, leads: Sequence[int]) -> list[str]:
    """What --explain says of each record of the lead: why it answers."""
    cited = store.cited(leads)
    return [
        f"the lead: it cites ¶{min(cited[o][1])}, the first paragraph of {cited[o][0]}"
        for o in leads
    ]


def order_notes(store: Figured, ords: Sequence[int], extreme: str | None, whole: bool) -> list[str]:
    """What --explain says of each answer placed or kept by its figures, not its score
    ('' for none): its change, for a question asking what grew the most; its measure,
    for one asking for a whole flow."""
    notes = [""] * len(ords)
    if extreme is not None:
        changes = store.changes(ords)
        first = "greatest" if extreme == "max" else "least"
        for k, o in enumerate(ords):
            values = changes.get(o)
            if values:
                v = max(values) if extreme == "max" else min(values)
                notes[k] = f"sorted by its change, {v:g} % ({first} first)"
            else:
                notes[k] = "after the answers with a change"
    if whole:
        measures = store.measures(ords)
        for k, o in enumerate(ords):
            unscoped = [m for m in measures.get(o, ()) if not _SCOPED.search(m)]
            if unscoped:
                said = f"a whole flow: {unscoped[0]!r}"
                notes[k] = f"{notes[k]} · {said}" if notes[k] else said
    return notes

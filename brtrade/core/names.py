"""The names users type for records: speakers, topics, entities and record ids.

Forgiving where a person types (case, accents, name order, partial names), exact
where a script does, and always with a suggestion when nothing matches. Plain
tuples (:class:`Names`), so the persistent index answers without the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from brtrade.core.errors import NotFoundError, UsageError, excerpt
from brtrade.core.text import fold, words

if TYPE_CHECKING:
    from brtrade.core.model import FactBase, Record


def named_in(text: str, entities: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    """The ids of the entities ``text`` names, by any of their names (``entities``: id
    and names), word for word ('trade along the Belt and Road' names belt-and-road)."""
    have = words(text)
    found = []
    for eid, names in entities:
        for n in names:
            want = words(n)
            if want and any(have[i : i + len(want)] == want for i in range(len(have))):
                found.append(eid)
                break
    return found


def _did_you_mean(typed: str, names: Sequence[str]) -> str | None:
    import difflib

    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(typed), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


MAX_LISTED = 10
"""A hint names at most this many known values: a large base has thousands."""


def listed(names: Sequence[str]) -> str:
    """Known values for a hint: all of a few, or the first ones and how many more."""
    shown = ", ".join(names[:MAX_LISTED])
    more = len(names) - MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def not_found(what: str, typed: str, names: Sequence[str]) -> NotFoundError:
    """No ``what`` is ``typed``: with the closest of ``names``, and some known ones."""
    guess = _did_you_mean(typed, names)
    known = listed(names)
    hint = f"did you mean '{guess}'? Known {what}s: {known}" if guess else f"known {what}s: {known}"
    return NotFoundError(f"no {what} matches {excerpt(typed)}", hint=hint)


def _name_words(text: str) -> str:
    """A non-empty folded form of a name the user typed, or a usage error."""
    if not words(text):
        raise UsageError(f"{excerpt(text)} has no letters or digits", hint="give a name")
    return " ".join(words(text))


class Names(NamedTuple):
    """The names a user can type for speakers, topics and entities.

    Plain tuples, so that the persistent index can answer without building the
    model: ``speakers`` are (id, name), ``topics`` (id, label), ``entities``
    (id, name, aliases).
    """

    speakers: tuple[tuple[str, str], ...]
    topics: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str, tuple[str, ...]], ...]
    sources: tuple[str, ...] = ()
    """The ids of the sources."""

    @staticmethod
    def of(base: FactBase) -> Names:
        return Names(
            speakers=tuple((s.id, s.name) for s in base.speakers),
            topics=tuple((t.id, t.label) for t in base.topics),
            entities=tuple((e.id, e.name, e.aliases) for e in base.entities),
            sources=tuple(s.id for s in base.sources),
        )

    def ids(self, kind: str) -> list[str]:
        """The ids of the speakers, entities, sources or topics, in document order."""
        if kind == "speaker":
            return [s for s, _ in self.speakers]
        if kind == "entity":
            return [e for e, _, _ in self.entities]
        if kind == "source":
            return list(self.sources)
        return [t for t, _ in self.topics]


def resolve_speakers(names: Names, typed: str) -> list[str]:
    """The ids of the speakers a typed name means.

    Forgives case, accents, extra spaces, either name order ("Xinquan Tu")
    and partial names ("Zhou", "Xinquan"). A full name that matches exactly
    wins over partial matches. No match is a :class:`NotFoundError` with a
    suggestion and the known speakers.
    """
    want = _name_words(typed).split()
    exact: list[str] = []
    partial: list[str] = []
    for sid, sname in names.speakers:
        name = words(sname)
        if sorted(want) == sorted(name) or want == words(sid.replace("-", " ")):
            exact.append(sid)
        elif _covers(want, name):
            partial.append(sid)
    if exact or partial:
        return exact or partial
    raise not_found("speaker", typed, [n for _, n in names.speakers])


def _covers(want: Sequence[str], have: Sequence[str]) -> bool:
    """Each wanted word starts a different one of ``have``'s words."""
    pool = list(have)
    for w in want:
        for i, h in enumerate(pool):
            if h.startswith(w):
                del pool[i]
                break
        else:
            return False
    return True


def resolve_topic(names: Names, typed: str) -> str:
    """The id of the topic ``typed`` names, by id or label."""
    want = _name_words(typed)
    for tid, label in names.topics:
        if want in (" ".join(words(tid)), " ".join(words(label))):
            return tid
    raise not_found("topic", typed, [t for t, _ in names.topics])


def resolve_entity(names: Names, typed: str) -> str:
    """The id of the entity ``typed`` names, by id, name or alias."""
    want = _name_words(typed)
    for eid, name, aliases in names.entities:
        if want in {" ".join(words(n)) for n in (eid, name, *aliases)}:
            return eid
    raise not_found("entity", typed, [n for _, n, _ in names.entities])


RECORD_KINDS = ("claim", "quote", "speaker", "entity", "source", "topic")
"""Every record kind, in the order ``show`` looks an id up (FactBase.groups)."""


def resolve_record_id(
    typed: str, has: Callable[[str, str], bool], all_ids: Callable[[], Iterable[str]]
) -> tuple[str, str, list[str]]:
    """(kind, id, other kinds sharing the id) of the record ``typed`` (``id`` or
    ``kind:id``) names, asking ``has(kind, id)``; else a NotFoundError suggesting the
    closest of ``all_ids()``."""
    kind, sep, rid = typed.partition(":")
    if sep and kind in RECORD_KINDS and has(kind, rid):
        return kind, rid, []
    matches = [k for k in RECORD_KINDS if has(k, typed)]
    if matches:
        return matches[0], typed, [f"{k}:{typed}" for k in matches[1:]]
    import difflib

    guess = difflib.get_close_matches(typed, list(all_ids()), n=3, cutoff=0.5)
    hint = (
        "did you mean " + ", ".join(f"'{g}'" for g in guess) + "?"
        if guess
        else "list ids with 'brtrade facts --json' or 'brtrade quote --json'"
    )
    raise NotFoundError(f"no record has the id {excerpt(typed)}", hint=hint)


def find_record(base: FactBase, typed: str) -> tuple[Record, list[str]]:
    """The record with id ``typed`` (or ``kind:id``), and the other kinds sharing the id."""
    kind, rid, others = resolve_record_id(
        typed,
        lambda k, i: i in base.index[k],
        lambda: (i for k in RECORD_KINDS for i in base.index[k]),
    )
    return base.index[kind][rid], others

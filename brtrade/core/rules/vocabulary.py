"""The ``vocabulary`` rule: the editors' search words are well formed and unambiguous."""

from __future__ import annotations

import re
from collections.abc import Iterable

from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.fields import ID_PATTERN
from brtrade.core.model import FactBase, Term
from brtrade.core.rules import Rule
from brtrade.core.rules.problems import Locator
from brtrade.core.stems import stems

_MARKUP = re.compile(r"[<>\[\]{}`*_|\\]|[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that would be markup somewhere a word is shown, or control characters."""


def check_vocabulary(base: FactBase, at: Locator) -> Iterable[FactBaseError]:
    seen_ids: dict[str, Term] = {}
    owner: dict[tuple[str, ...], tuple[Term, str]] = {}
    record_ids = {c.id for c in base.claims} | {q.id for q in base.quotes}
    for term in base.vocabulary:
        if not ID_PATTERN.match(term.id):
            yield at.problem(
                term, "id", f"vocabulary id {excerpt(term.id)} is not a valid id", Rule.VOCABULARY
            )
        if term.id in seen_ids:
            yield at.problem(
                term,
                "id",
                f"duplicate vocabulary id '{term.id}' (first at {seen_ids[term.id].origin})",
                Rule.VOCABULARY,
            )
        seen_ids.setdefault(term.id, term)
        if len(set(term.words)) < 2:
            yield at.problem(
                term,
                "words",
                f"vocabulary entry '{term.id}' needs two or more different words",
                Rule.VOCABULARY,
                hint="list the words that mean the same, such as [biggest, largest]",
            )
        mine: set[tuple[str, ...]] = set()
        for i, word in enumerate(term.words):
            field = f"words[{i}]"
            if _MARKUP.search(word):
                yield at.problem(
                    term,
                    field,
                    f"the word {excerpt(word)} has markup or control characters",
                    Rule.VOCABULARY,
                    hint="write plain words",
                )
                continue
            key = tuple(stems(word))
            if not key:
                yield at.problem(
                    term,
                    field,
                    f"the word {excerpt(word)} has no letters or digits",
                    Rule.VOCABULARY,
                )
                continue
            if word in record_ids:
                yield at.problem(
                    term,
                    field,
                    f"the word {excerpt(word)} is the id of a record, not a word",
                    Rule.VOCABULARY,
                    hint="write the words the record uses instead",
                )
            if key in mine:
                continue  # the same word twice in one entry: harmless, and counted above
            mine.add(key)
            if key in owner and owner[key][0].id != term.id:
                other, as_written = owner[key]
                yield at.problem(
                    term,
                    field,
                    f"the word {excerpt(word)} is also in vocabulary entry '{other.id}' "
                    f"(as {excerpt(as_written)}): a synonym loop",
                    Rule.VOCABULARY,
                    hint="merge the two entries, or drop the word from one",
                )
                continue
            owner[key] = (term, word)

"""Questions about people: 'who is Tu Xinquan', 'what is Zhou Mi's job', 'where does Li
Xiangrong work', 'what does the ministry's expert do'.

Such a question asks for a speaker, not for claims. It is recognised by its form (it
begins with 'who', or asks for a job, a title, a role, a place of work, an
affiliation, or what someone does) and answered by matching the speakers' names,
roles and organisations with the same matcher as claims (:mod:`brtrade.core.match`),
the words of its form left out. Speakers are few, so they are matched from their
contract rows, whichever store holds them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from brtrade.core.text import words

WHO = frozenset({"who", "whom", "whose"})
ASKS_ABOUT_A_PERSON = frozenset(
    """job jobs title titles position positions role roles post posts rank work works
    worked working employer employers employ employs employed affiliated affiliation
    affiliations belong belongs organisation organization organisations organizations
    institution institutions occupation profession career office hold holds speak speaks
    spoke speaking spoken spokesman spokeswoman spokesperson represent represents
    represented representing""".split()
)
"""Words that ask what a person is or where they work. General English, not the
base's: they are the question's form, never required to match."""


def about_a_person(text: str) -> bool:
    """Whether a question asks about a person rather than for claims."""
    found = words(text)
    if not found:
        return False
    if found[0] in WHO:
        return True
    if found[-1] == "do" and "does" in found:  # 'what does X do'
        return True
    return any(w in ASKS_ABOUT_A_PERSON for w in found)


def _speaker_fields(
    row: Mapping[str, Any], aliases: Mapping[str, Sequence[str]]
) -> list[tuple[str, int, list[str]]]:
    org = [row["organisation"] or "", *aliases.get(row.get("entity") or "", ())]
    return [
        ("speaker", 3, [row["name"]]),
        ("role", 2, [row["role"] or ""]),
        ("entity", 2, org),
    ]


def matching_speakers(
    text: str,
    speakers: Sequence[Mapping[str, Any]],
    vocabulary_entries: Sequence[tuple[str, Sequence[str]]],
    aliases: Mapping[str, Sequence[str]],
) -> list[Mapping[str, Any]]:
    """The speaker rows a question about a person is about, best first: those matching
    enough of what it asks (its words less the words of its form)."""
    from brtrade.core.engine import MemoryPostings, rank, weigh
    from brtrade.core.query import Query
    from brtrade.core.terms import Vocabulary, field_tokens

    if not speakers or not about_a_person(text):
        return []
    vocabulary = Vocabulary(vocabulary_entries)
    store = MemoryPostings(
        [field_tokens(_speaker_fields(r, aliases), vocabulary) for r in speakers]
    )
    asked = " ".join(w for w in words(text) if w not in ASKS_ABOUT_A_PERSON)
    if not words(asked):
        return []
    query = Query(words=tuple(words(asked)), text=asked)
    lexicon = sorted(
        {
            w
            for r in speakers
            for _, _, texts in _speaker_fields(r, aliases)
            for t in texts
            for w in words(t)
            if w.isalpha()
        }
    )
    weighed = weigh(query, vocabulary, store.df, len(speakers), lambda: lexicon)
    if not any(g.required for g in weighed.plan.groups):
        return []
    return [speakers[o] for o, _, _ in rank(weighed, store.postings)]

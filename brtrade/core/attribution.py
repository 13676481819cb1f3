"""Who said it: attributions as news writes them.

The forms of wire, agency and newspaper copy, read by one set of rules:

- a tag after the quote: '"...," said Lyu Daliang, director of the GAC's ...', '"...,"
  Chen told Reuters', '"...," Somchai Prasert, deputy director-general of ..., told
  reporters in Bangkok, adding that ...', '"...," Agriculture Minister Narong Sitthi said';
- a tag before it: 'Chen said: "..."';
- a quote split by its tag, or run on after it in the same paragraph: '"...," He said,
  "and the share is rising."';
- a person introduced in full ('Liu Chang, a researcher at the Chinese Academy of ...,
  told China Daily that ...') and named by one name later ('Liu said');
- titles before a name ('Vice Minister of Commerce Wang Shouwen said');
- indirect speech, which is a claim with a speaker, never a quote: 'Lyu said trade in
  intermediate goods made up ...', '..., Zhang said.', 'According to Liu, ...'.

A name alone is someone only once they have been introduced with a role, so nothing
here invents a speaker: a person the article never introduces gives no attribution.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SAY = (
    r"(?:said|says|told|added|noted|stressed|explained|wrote|warned|argued|insisted|"
    r"remarked|observed|predicted|estimated)"
)
_TOKEN = r"[A-Z][\w'’.-]*"
_CHAIN = rf"{_TOKEN}(?:\s+(?:of\s+(?:the\s+)?)?{_TOKEN}){{0,7}}"
_CUT_REST = re.compile(r",\s+(?:at|in|on|during|when|while|adding|who|speaking|according)\b|;")
TITLE_WORDS = frozenset(
    """vice deputy minister director director-general president vice-president chairman
    chairwoman chair premier secretary secretary-general governor mayor ambassador
    spokesperson spokesman spokeswoman chief head commissioner senator counsellor consul
    general executive dean professor dr mr ms mrs sir lord prime assistant senior
    agriculture commerce trade foreign finance transport energy industry economy
    economic affairs""".split()
)
ORG_WORDS = frozenset(
    """ministry administration department authority bureau customs office association
    university institute academy commission council group company corporation bank
    analytics insight insights reuters xinhua daily times news agency government port
    chamber federation centre center gac mofcom asean china the""".split()
)
_PARTICLES = frozenset("van thi duc bin binti de da al el le".split())


class Person(NamedTuple):
    """A person as one attribution names them."""

    name: str
    """The name as written: 'Wang Shouwen'."""
    role: str | None
    """The role as written, before the name ('Vice Minister of Commerce') or after it
    ('director of the GAC's statistics and analysis department'); None when not given."""
    organisation: str | None
    """The organisation, when the role names one ('the GAC's statistics ...')."""
    start: int
    end: int
    """Where the attribution is in the text read: its evidence."""


def split_role(rest: str) -> tuple[str, str]:
    """'executive dean of the China Institute ...' -> ('executive dean', 'China Institute
    ...'); 'a spokesperson for the Ministry of Commerce' -> ('spokesperson', 'Ministry of
    Commerce'); 'director of operations at Harbour City Port Authority' -> ('director of
    operations', 'Harbour City Port Authority'). A role that names no organisation is
    its own organisation (the base holds both; the editor confirms)."""
    rest = re.sub(r"^(?:a|an|the)\s+", "", rest.strip())
    at = rest.find(" at ")  # people are at an organisation: 'director of operations at ...'
    if at < 0:
        found = [i for i in (rest.find(w) for w in (" for ", " with ", " of ", ", ")) if i > 0]
        at = min(found, default=-1)
    if at < 0:
        return rest, rest
    gap = next(
        w for w in (" at ", " for ", " with ", " of the ", " of ", ", ") if rest.startswith(w, at)
    )
    return rest[:at], re.sub(r"^the\s+", "", rest[at + len(gap) :])


def _plain(token: str) -> str:
    return token.lower().strip(".,'’")


def split_title(chain: str) -> tuple[str, str] | None:
    """'Vice Minister of Commerce Wang Shouwen' -> ('Vice Minister of Commerce', 'Wang
    Shouwen'); 'Liu Chang' -> ('', 'Liu Chang'); None when the chain names no person
    ('the General Administration of Customs')."""
    tokens = chain.split()
    titled = [i for i, t in enumerate(tokens) if _plain(t) in TITLE_WORDS]
    if not titled:
        title, name = [], tokens
    else:
        k = titled[-1] + 1
        if k < len(tokens) and tokens[k] == "of":  # 'Minister of Commerce Wang Shouwen'
            tail = [t for t in tokens[k + 1 :] if t != "the"]
            n = 3 if len(tail) >= 4 and _plain(tail[-2]) in _PARTICLES else 2
            if len(tail) <= n:
                return None
            k = len(tokens) - n
        title, name = tokens[:k], tokens[k:]
    if not 1 <= len(name) <= 4 or any(_plain(t) in ORG_WORDS | TITLE_WORDS for t in name):
        return None
    return " ".join(title), " ".join(name)


_SENTENCE_BREAK = re.compile(r"(?:\w\w[.!?]|\n)\s+")
"""A full stop after a word (not an initial's 'J.'), or a line break: no name runs over
it ('...to Indonesia and **Singapore.** Li Xiangrong, secretary to...')."""


def _person(chain: str, rest: str | None, start: int, end: int) -> Person | None:
    cut = list(_SENTENCE_BREAK.finditer(chain))
    if cut:
        start += cut[-1].end()
        chain = chain[cut[-1].end() :]
    split = split_title(chain)
    if split is None:
        return None
    title, name = split
    if rest:
        rest = _CUT_REST.split(rest, maxsplit=1)[0].strip(" ,")
    if rest and (
        re.match(r"(?:a|an|the)?\s*[a-z]", rest) or _plain(rest.split()[0]) in TITLE_WORDS
    ):
        role, organisation = split_role(rest)
        return Person(name, role.strip(), organisation.strip(), start, end)
    if title:
        role = title
        organisation = title.split(" of ", 1)[1] if " of " in title else title
        return Person(name, role, organisation, start, end)
    return Person(name, None, None, start, end)


_AFTER_SAY_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<say>{SAY}|according\s+to)\s+(?P<chain>{_CHAIN})(?:,\s+(?P<rest>[^.;]*?))?"
    r"(?=\.\s|\.$|$|,\s+(?:at|in|on|during|when|while|adding|who)\b)"
)
_AFTER_NAME_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<chain>{_CHAIN})(?:,\s+(?P<rest>[^.;]*?),)?\s+(?P<say>{SAY})\b"
    r"(?:\s+(?:reporters|journalists|Reuters|Xinhua|AFP|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))?"
)
_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+|[”\"]\s*)(?P<chain>{_CHAIN})(?:,\s+(?P<rest>[^.:]*?),)?\s+(?P<say>{SAY})"
    r"(?:\s+\w+){0,3}?[\s,:]*$"
)


def tag_after(text: str) -> Person | None:
    """The person the words right after a closing quote mark name, if they are its tag."""
    m = _AFTER_SAY_FIRST.match(text)
    if m is not None:
        return _person(m.group("chain"), m.group("rest"), m.start("say"), m.end())
    m = _AFTER_NAME_FIRST.match(text)
    if m is not None:
        return _person(m.group("chain"), m.group("rest"), m.start("chain"), m.end())
    return None


def tag_before(text: str) -> Person | None:
    """The person the words before an opening quote mark name ('Chen said: ')."""
    m = _BEFORE.search(text)
    if m is None:
        return None
    return _person(m.group("chain"), m.group("rest"), m.start("chain"), m.end("say"))


_INTRODUCTION = re.compile(
    rf"(?<![\w'’])(?P<chain>{_CHAIN}),\s+(?P<rest>(?:a|an|the)\s+[^,]{{3,160}}?|"
    rf"[a-z][^,]{{3,160}}?),\s+(?P<say>{SAY})\b"
)


def introductions(text: str) -> list[Person]:
    """Everyone the text introduces with a role, outside quotes or in tags: 'Liu Chang,
    a researcher at the Chinese Academy of ..., told China Daily'; and with the role
    first, set off by commas: 'Its chief executive, Nurul Huda, told reporters'."""
    out = []
    for m in _INTRODUCTION.finditer(text):
        person = _person(m.group("chain"), m.group("rest"), m.start("chain"), m.end("say"))
        if person is not None and person.role:
            out.append(person)
    for m in _ROLE_FIRST.finditer(text):
        split = split_title(m.group("chain"))
        if split is None or split[0]:
            continue  # no person ('the GAC'), or a title the chain holds itself
        owner = (m.group("owner") or "").strip()
        role = m.group("role").strip()
        out.append(Person(split[1], role, owner or role, m.start("lead"), m.end("say")))
    return sorted(out, key=lambda p: p.start)


_ROLE_FIRST = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<lead>(?:(?:Its|Their|His|Her|An?)\s+|(?:The\s+)?"
    rf"(?P<owner>[A-Za-z][\w -]{{1,40}}?)['’]s\s+|The\s+)?)"
    rf"(?P<role>[a-z][\w -]{{2,60}}?),\s+(?P<chain>{_CHAIN}),\s+(?P<say>{SAY})\b"
)
"""A person introduced role first: 'Its chief executive, Nurul Huda, told reporters',
"The council's chief economist, Tan Wei, said"."""
_REPORTED_LEAD = re.compile(
    rf"^(?P<chain>{_CHAIN})(?:,\s+(?P<rest>[^,]{{3,160}}?),)?\s+(?P<say>{SAY})"
    r"(?:\s+(?:reporters|journalists|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))?\s+"
    r"(?:that\s+)?(?=[\w$“\"])"
)
_REPORTED_TAIL = re.compile(
    rf",\s+(?P<chain>{_CHAIN})\s+(?P<say>{SAY})(?:\s+(?:on|in)\s+\w+)?(?=[.,]|$)"
)
_ACCORDING = re.compile(rf"(?:^|,\s+)[Aa]ccording\s+to\s+(?P<chain>{_CHAIN})(?=[,.]|$)")


def reported_lead(text: str) -> int:
    """Where the words after a leading 'Lyu said (that)' or 'Liu Chang, a researcher at
    ..., told China Daily that' start; 0 when the text opens with no such tag."""
    m = _REPORTED_LEAD.match(text)
    return m.end() if m else 0


def reported(sentence: str) -> Person | None:
    """The person a sentence outside quotes reports the words of: 'Lyu said trade in
    ...', '..., Zhang said.', 'According to Liu, ...', 'Its chief executive, Nurul
    Huda, told reporters that ...'. The caller decides whether the name is someone
    (introduced, or introduced here with a role)."""
    first = _ROLE_FIRST.match(sentence)
    if first is not None and (people := introductions(sentence[: first.end()])):
        return people[0]
    for pattern in (_REPORTED_LEAD, _REPORTED_TAIL, _ACCORDING):
        m = pattern.search(sentence)
        if m is None:
            continue
        rest = m.groupdict().get("rest")
        person = _person(m.group("chain"), rest, m.start("chain"), m.end("chain"))
        if person is not None:
            return person
    return None

"""Every rule a fact base is held to, named once.

A problem found anywhere (the loader's walk, the cross-record rules of
:mod:`.records`, the evidence rules of :mod:`.evidence` that ``brtrade check``
adds) carries one :class:`Rule`. A new rule is added here, with its one-line
description, and in the module that checks it; ``brtrade check``, its docs
table and its JSON output all read this list.

This package's ``__init__`` imports nothing, so the errors module can name the
rules without pulling in the checks.
"""

from __future__ import annotations

from enum import Enum


class Rule(str, Enum):
    """The rules, in the order ``brtrade check`` documents them."""

    SCHEMA = "schema"
    YAML = "yaml"
    YAML_1_1 = "yaml-1.1"
    IDENTITY = "identity"
    REFERENCE = "reference"
    PROVENANCE = "provenance"
    FIGURE = "figure"
    ARITHMETIC = "arithmetic"
    VOCABULARY = "vocabulary"

    def __str__(self) -> str:
        return self.value

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Rule.SCHEMA: "types, required fields, allowed values, and unknown keys (with "
    '"did you mean"); paragraph numbers form an increasing list from 1',
    Rule.YAML: "syntax, duplicate mapping keys (PyYAML would silently keep the last), "
    "aliases, tags",
    Rule.YAML_1_1: "a plain value that other YAML tools (YAML 1.1 like PyYAML, or YAML 1.2 "
    "like editors) would read as another type: an unquoted `no`, `2020-01-01`, `3.10` or "
    "`1e3` in a text field, or `4.74e12` (a string to YAML 1.1) in a number field",
    Rule.IDENTITY: "ids are well formed and unique within their kind, across every file",
    Rule.REFERENCE: "every speaker, entity, topic, source, quote and figure referred to "
    "exists, a claim made in a quote is attributed to the quote's speaker, and no link "
    "(a figure's part_of, applies_to or converted_from, an entity's relations) leads back "
    "to where it started",
    Rule.PROVENANCE: "every evidence span, quote and speaker attribution occurs verbatim in "
    "the source, in the paragraph it names (a quote's attribution in its last paragraph, or "
    "an earlier one it cites: 'she said' after the paragraph that named her); only "
    "whitespace and typographic quotes (‘’ “”) are normalised. Where a span stands "
    "elsewhere, the hint says which paragraph",
    Rule.FIGURE: "a change has a basis, and only changes and shares are in percent; each "
    "figure's wording occurs in its evidence; its value agrees with the wording "
    '("4.74 trillion" is 4.74e12, "730 billion" is 7.3e11); its unit agrees with the '
    'wording\'s (yuan, dollars, percent); "about" means `approximate: true`, "more than" '
    '`bound: lower`, "nearly" `bound: upper`',
    Rule.ARITHMETIC: "the derived figures of `brtrade derive`: implied exchange rates that "
    "spread more than `--rate-tolerance` (default 2 %), a share over 100 %, a part larger "
    "than its whole",
    Rule.VOCABULARY: "each vocabulary entry has a unique id and two or more different "
    "words, each with letters or digits and no markup or control characters; no word is in "
    "two entries (a synonym loop), and none is the id of a claim or quote",
}

RULES: tuple[str, ...] = tuple(r.value for r in Rule)
"""The rule names, as ``brtrade check`` prints them."""

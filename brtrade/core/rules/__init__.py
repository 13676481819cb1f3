"""Every rule a fact base is held to, named once.

A problem found anywhere (the loader's walk, the cross-record rules of
:mod:`.records`, the evidence rules of :mod:`.evidence` that ``brtrade check``
adds) carries one :class:`Rule`. A new rule is added here, with its one-line
description, and in the module that checks it; ``brtrade check``, its README
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

    def __str__(self) -> str:
        return self.value

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Rule.SCHEMA: "types, required fields, unknown keys, enums, number ranges",
    Rule.YAML: "duplicate keys, aliases, tags, syntax",
    Rule.YAML_1_1: "a plain value that YAML 1.1 tools would read as another type",
    Rule.IDENTITY: "ids: well-formed and unique",
    Rule.REFERENCE: "every reference to a speaker, entity, topic, source, quote or figure "
    "resolves, and a claim made in a quote has that quote's speaker",
    Rule.PROVENANCE: "every evidence span and quote occurs verbatim in the paragraphs it names",
    Rule.FIGURE: "each figure is well-formed, its wording occurs in its evidence and agrees "
    "with its value and unit",
    Rule.ARITHMETIC: "derived figures that reveal an inconsistency (see brtrade derive)",
}

RULES: tuple[str, ...] = tuple(r.value for r in Rule)
"""The rule names, as ``brtrade check`` prints them."""

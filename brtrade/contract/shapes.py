"""The JSON contract: every record type's keys, in order. Pure data, imports nothing.

Bump ``CONTRACT_VERSION`` on any change of shape and say so in the changelog.
"""

from __future__ import annotations

from typing import Any

CONTRACT_VERSION = 4

JSON = dict[str, Any]

PROVENANCE_KEYS = ("source", "paragraphs", "evidence", "verified")
SPEAKER_REF_KEYS = ("id", "name", "role", "organisation")
FIGURE_KEYS = (
    "id",
    "measure",
    "kind",
    "value",
    "unit",
    "period",
    "period_basis",
    "basis",
    "approximate",
    "bound",
    "high",
    "scope",
    "converted_from",
    "applies_to",
    "part_of",
    "wording",
)

Field = tuple[str, tuple[str, ...] | None]
"""A top-level key of a record, and the keys inside it when it is an object."""

CONTRACT: dict[str, tuple[Field, ...]] = {
    "claim": (
        ("type", None),
        ("id", None),
        ("statement", None),
        ("kind", None),
        ("period", None),
        ("period_basis", None),
        ("speaker", SPEAKER_REF_KEYS),
        ("quote", None),
        ("basis", None),
        ("topics", None),
        ("entities", None),
        ("figures", None),
        ("note", None),
        ("provenance", PROVENANCE_KEYS),
    ),
    "quote": (
        ("type", None),
        ("id", None),
        ("speaker", SPEAKER_REF_KEYS),
        ("text", None),
        ("topics", None),
        ("entities", None),
        ("provenance", PROVENANCE_KEYS),
    ),
    "speaker": (
        ("type", None),
        ("id", None),
        ("name", None),
        ("role", None),
        ("organisation", None),
        ("family_name", None),
        ("given_name", None),
        ("entity", None),
        ("quotes", None),
        ("claims", None),
        ("provenance", PROVENANCE_KEYS),
    ),
    "topic": (
        ("type", None),
        ("id", None),
        ("label", None),
        ("claims", None),
        ("quotes", None),
        ("records", None),
    ),
    "source": tuple(
        (k, None)
        for k in (
            "type",
            "id",
            "label",
            "title",
            "url",
            "publisher",
            "published",
            "language",
            "note",
            "excerpt",
            "text",
            "records",
        )
    ),
    "figure": (
        ("type", None),
        *((k, None) for k in FIGURE_KEYS),
        ("claim", None),
        ("source", None),
        ("paragraphs", None),
    ),
    "entity": (
        ("type", None),
        ("id", None),
        ("name", None),
        ("entity_type", None),
        ("aliases", None),
        ("relations", None),
        ("claims", None),
        ("quotes", None),
    ),
    "problem": tuple(
        (k, None) for k in ("file", "line", "record", "field", "rule", "message", "hint")
    ),
    "check": (
        ("ok", None),
        ("files", None),
        ("records", None),
        ("problems", None),
        ("drafts", None),
    ),
    "source-text": (
        ("source", None),
        ("paragraphs", None),
    ),
    "finding": (
        ("type", None),
        ("kind", None),
        ("verdict", None),
        ("text", None),
        ("file", None),
        ("line", None),
        ("column", None),
        ("value", None),
        ("unit", None),
        ("speaker", None),
        ("record", None),
        ("figure", None),
        ("expected", None),
        ("provenance", PROVENANCE_KEYS),
        ("message", None),
        ("diff", None),
    ),
    "derived": tuple(
        (k, None)
        for k in (
            "type",
            "id",
            "kind",
            "label",
            "value",
            "unit",
            "formula",
            "inputs",
            "period",
            "flag",
            "derived",
        )
    ),
}
"""Every record type's keys, in order: the JSON contract. Tests hold the builders to it.

``problem`` is one item of a ``check`` report's ``problems``; each item of a
``source-text``'s ``paragraphs`` has the keys ``PARAGRAPH_KEYS``, and each of
their ``cited`` items the keys ``CITED_KEYS``."""

PARAGRAPH_KEYS = ("number", "text", "cited")
CITED_KEYS = ("record", "what", "start", "end")
RELATION_KEYS = ("type", "target", "basis")

"""A JSON Schema (draft 2020-12) of the output contract: what --json writes.

Generated from :data:`brtrade.contract.shapes.CONTRACT`, so it cannot drift from the
builders; ``brtrade schema --output`` prints it, and a test validates every command's
--json output against it."""

from __future__ import annotations

import json
from typing import Any

from brtrade.contract.shapes import (
    CITED_KEYS,
    CONTRACT,
    CONTRACT_VERSION,
    FIGURE_KEYS,
    PARAGRAPH_KEYS,
    PROVENANCE_KEYS,
    RELATION_KEYS,
)

_TEXT = {"type": "string"}
_MAYBE_TEXT = {"type": ["string", "null"]}
_NUMBER = {"type": "number"}
_COUNT = {"type": "integer", "minimum": 0}
_IDS = {"type": "array", "items": {"type": "string"}}

_KEY_TYPES: dict[str, dict[str, Any]] = {
    "type": _TEXT,
    "id": _TEXT,
    "statement": _TEXT,
    "text": _TEXT,
    "value": {"type": ["number", "null"]},
    "approximate": {"type": "boolean"},
    "verified": {"type": "boolean"},
    "topics": _IDS,
    "entities": _IDS,
    "inputs": _IDS,
    "aliases": _IDS,
    "paragraphs": {"type": "array"},
    "line": {"type": ["integer", "null"]},
    "column": {"type": "integer"},
    "ok": {"type": "boolean"},
    "files": _IDS,
    "drafts": _IDS,
    "derived": {"type": "boolean"},
    "exists": {"type": "boolean"},
}
_COUNTS = {"claims", "quotes", "records"}


def _object(keys: tuple[str, ...], types: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {k: (types or {}).get(k, {}) for k in keys}
    return {
        "type": "object",
        "required": list(keys),
        "additionalProperties": False,
        "properties": props,
    }


def output_schema() -> dict[str, Any]:
    """The schema of every record type of the contract, under ``$defs``; the document is
    one record, or a list of records, of any type."""
    defs: dict[str, Any] = {
        "provenance": _object(PROVENANCE_KEYS),
        "figure-in-claim": _object(FIGURE_KEYS, {"id": _TEXT, "value": _NUMBER}),
        "relation": _object(RELATION_KEYS),
        "cited": _object(CITED_KEYS),
        "paragraph": _object(PARAGRAPH_KEYS),
    }
    for kind, fields in CONTRACT.items():
        props: dict[str, Any] = {}
        for name, sub in fields:
            if name == "provenance":
                props[name] = {"anyOf": [{"$ref": "#/$defs/provenance"}, {"type": "null"}]}
            elif sub is not None:
                props[name] = {"anyOf": [_object(sub), {"type": "null"}]}
            elif name == "figures" and kind == "claim":
                props[name] = {"type": "array", "items": {"$ref": "#/$defs/figure-in-claim"}}
            elif name in _COUNTS and kind in ("speaker", "topic", "source", "entity"):
                props[name] = _COUNT
            elif name == "type" and kind not in ("problem", "check", "source-text"):
                props[name] = {"const": kind}
            else:
                props[name] = _KEY_TYPES.get(name, {})
        defs[kind] = {
            "type": "object",
            "required": [n for n, _ in fields],
            "additionalProperties": kind == "claim",  # --explain adds 'explain'
            "properties": props,
        }
    defs["check"]["properties"]["problems"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/problem"},
    }
    defs["source-text"]["properties"]["paragraphs"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/paragraph"},
    }
    kinds = [{"$ref": f"#/$defs/{k}"} for k in CONTRACT]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"brtrade JSON output, contract {CONTRACT_VERSION}",
        "description": "What brtrade --json writes: one record, or a list of records, of the "
        "types under $defs (docs/json-contract.md).",
        "anyOf": [*kinds, {"type": "array", "items": {"anyOf": kinds}}],
        "$defs": defs,
    }


def output_schema_json() -> str:
    return json.dumps(output_schema(), indent=2, ensure_ascii=False) + "\n"

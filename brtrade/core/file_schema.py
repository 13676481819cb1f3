"""The JSON Schema of the fact-file format, generated from the model.

The loader and the schema read the same dataclass field plans
(:func:`brtrade.core.fields.field_plan`), so they cannot drift apart;
``facts.schema.json`` (beside ``facts.yaml``, in the repository and in the wheel) is
this output, checked by a test.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from brtrade.core.fields import ID_PATTERN, FieldSpec, field_plan
from brtrade.core.files import FORMAT_VERSION
from brtrade.core.model import FactFile
from brtrade.core.numbers import MAX_MAGNITUDE, MAX_WHOLE


def _type(spec: FieldSpec, defs: dict[str, Any]) -> dict[str, Any]:
    if spec.kind == "str":
        out: dict[str, Any] = {"type": "string", "minLength": 1}
    elif spec.kind == "enum":
        out = {"enum": list(spec.choices)}
    elif spec.kind == "int":
        out = {"type": "integer", "minimum": -MAX_WHOLE, "maximum": MAX_WHOLE}
    elif spec.kind == "number":
        out = {"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}
    elif spec.kind == "bool":
        out = {"type": "boolean"}
    elif spec.kind == "tuple":
        assert spec.inner is not None
        out = {"type": "array", "items": _type(spec.inner, defs)}
    else:
        assert spec.record is not None
        _define(spec.record, defs)
        out = {"$ref": f"#/$defs/{spec.record.__name__}"}
    if spec.optional:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


_RANGES: dict[tuple[str, str], dict[str, Any]] = {
    ("Provenance", "paragraphs"): {
        "minItems": 1,
        "uniqueItems": True,
        "items": {"minimum": 1},
    },
    ("Term", "words"): {"minItems": 2, "uniqueItems": True},
}
"""The ranges ``check`` enforces beyond types: paragraphs count from 1 and a record
cites at least one; a vocabulary entry has two or more words."""


def _define(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # reserve: records may nest
    meta = {f.name: f.metadata for f in dataclasses.fields(cls)}
    props: dict[str, Any] = {}
    required: list[str] = []
    for fp in field_plan(cls):
        prop = _type(fp.spec, defs)
        md = meta[fp.name]
        kind = "Verbatim from the source." if md.get("verbatim") else "Editorial."
        prop["description"] = f"{md.get('doc', '')} {kind}".strip()
        if md.get("verbatim"):
            prop["x-brtrade-verbatim"] = True
        if fp.ref:
            prop["x-brtrade-ref"] = fp.ref
        if fp.name == "id":
            prop["pattern"] = "^" + ID_PATTERN.pattern.removesuffix(r"\Z") + "$"
        extra = _RANGES.get((name, fp.name))
        if extra is not None:
            target = prop["anyOf"][0] if "anyOf" in prop else prop
            for key, value in extra.items():
                if key == "items":
                    target["items"].update(value)
                else:
                    target[key] = value
        if fp.name == "format" and cls is FactFile:
            prop = {"const": FORMAT_VERSION, "description": prop["description"]}
        props[fp.name] = prop
        if fp.required:
            required.append(fp.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    defs[name] = {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }
    if doc and not doc[0].startswith(f"{name}("):
        defs[name]["description"] = doc[0]


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one fact file."""
    defs: dict[str, Any] = {}
    _define(FactFile, defs)
    top = defs.pop("FactFile")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"brtrade fact file, format {FORMAT_VERSION}",
        **top,
        "description": "One brtrade fact file. Fields marked x-brtrade-verbatim are copied "
        "from the source text and checked by `brtrade check`; every other field is editorial.",
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    return json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"

"""`brtrade schema --output`: every command's --json output validates against it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from brtrade.contract.schema import output_schema
from tests.helpers import ROOT, Run

COMMANDS = [
    (["facts", "asean"], "claim"),
    (["facts", "biggest", "partner", "--explain"], "claim"),
    (["quote"], "quote"),
    (["figures"], "figure"),
    (["speakers"], "speaker"),
    (["topics"], "topic"),
    (["sources"], "source"),
    (["sources", "br-trade-2020", "--text"], "source-text"),
    (["show", "asean-trade-2020"], "claim"),
    (["show", "tu-xinquan"], "speaker"),
    (["show", "asean"], "entity"),
    (["derive"], "derived"),
    (["check"], "check"),
    (["verify", str(ROOT / "examples" / "draft.md")], "finding"),
]


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    built = output_schema()
    jsonschema.Draft202012Validator.check_schema(built)
    return built


@pytest.mark.parametrize(
    "args, kind", COMMANDS, ids=lambda a: " ".join(a) if isinstance(a, list) else a
)
def test_json_output_validates(
    run: Run, schema: dict[str, object], args: list[str], kind: str
) -> None:
    result = run(*args, "--json")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    one = {
        **schema,
        "anyOf": [
            {"$ref": f"#/$defs/{kind}"},
            {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}},
        ],
    }
    jsonschema.validate(data, one)


def test_the_schema_catches_a_broken_record(schema: dict[str, object], run: Run) -> None:
    data = json.loads(run("facts", "asean", "--json").stdout)
    del data[0]["statement"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            data, {**schema, "anyOf": [{"type": "array", "items": {"$ref": "#/$defs/claim"}}]}
        )


def test_schema_output_prints_it(run: Run) -> None:
    assert json.loads(run("schema", "--output").stdout) == output_schema()

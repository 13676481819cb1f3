"""Property-based tests of fact files: valid ones round-trip, broken ones fail cleanly."""

from __future__ import annotations

import dataclasses
import json
import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core.check import check_fact_base
from brtrade.core.errors import FactBaseError
from brtrade.core.loader import load_fact_base
from brtrade.core.model import FactBase
from tests.helpers import MINI

ids = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12).filter(
    lambda s: s[0] not in "-"
)
# Any text a person could write: no lone surrogates, and not blank. NEL (U+0085) is
# left out: PyYAML's own dumper writes it where its loader folds it into a space,
# so yaml.safe_load(yaml.safe_dump(x)) != x for it, whoever loads the file. NUL is
# refused in every text field (a path cannot hold it; a test below checks that).
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
maybe_text = st.none() | texts
numbers = st.integers(-(10**18), 10**18) | st.floats(-1e18, 1e18).filter(
    lambda v: v == 0 or abs(v) >= 1e-6
)
"""Values a fact file may hold (core.numbers.MAX_MAGNITUDE and MIN_MAGNITUDE)."""
paragraphs = st.lists(st.integers(1, 50), min_size=1, max_size=3, unique=True).map(sorted)


def provenance(draw: st.DrawFn) -> dict[str, Any]:
    return {"source": "s", "paragraphs": draw(paragraphs), "evidence": draw(texts)}


@st.composite
def figures(draw: st.DrawFn, fid: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["amount", "count", "change", "share"]))
    unit = {
        "amount": draw(st.sampled_from(["CNY", "USD"])),
        "count": "count",
        "change": "percent",
        "share": "percent",
    }[kind]
    return {
        "id": fid,
        "measure": draw(texts),
        "kind": kind,
        "value": draw(numbers),
        "unit": unit,
        "wording": draw(texts),
        "period": draw(st.none() | st.sampled_from(["2020", "2020-H2", "2019", "2023-01/2023-05"])),
        "period_basis": None,
        "basis": draw(st.sampled_from(["year-on-year", "unstated"])) if kind == "change" else None,
        "approximate": draw(st.booleans()),
        "bound": draw(st.sampled_from([None, "lower", "upper"])),
        "high": None,
        "scope": draw(maybe_text),
        "converted_from": None,
        "applies_to": None,
        "part_of": None,
    }


@st.composite
def fact_files(draw: st.DrawFn) -> dict[str, Any]:
    topic_ids = draw(st.lists(ids, max_size=3, unique=True))
    entity_ids = draw(st.lists(ids, max_size=3, unique=True))
    speaker_ids = draw(st.lists(ids, max_size=2, unique=True))
    quote_ids = draw(st.lists(ids, max_size=2, unique=True)) if speaker_ids else []
    claim_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    quotes = [
        {
            "id": qid,
            "speaker": draw(st.sampled_from(speaker_ids)),
            "text": draw(texts),
            "provenance": provenance(draw),
            "topics": draw(st.lists(st.sampled_from(topic_ids), unique=True)) if topic_ids else [],
            "entities": [],
            "draft": draw(st.booleans()),
        }
        for qid in quote_ids
    ]
    claims = []
    for n, cid in enumerate(claim_ids):
        quote = draw(st.none() | st.sampled_from(quotes)) if quotes else None
        claims.append(
            {
                "id": cid,
                "statement": draw(texts),
                "kind": draw(st.sampled_from(["measurement", "event", "assessment"])),
                "provenance": provenance(draw),
                "period": draw(st.none() | st.just("2020")),
                "period_basis": None,
                "draft": draw(st.booleans()),
                "topics": draw(st.lists(st.sampled_from(topic_ids), unique=True))
                if topic_ids
                else [],
                "entities": draw(st.lists(st.sampled_from(entity_ids), unique=True))
                if entity_ids
                else [],
                "figures": [draw(figures(f"f{n}-{i}")) for i in range(draw(st.integers(0, 2)))],
                "speaker": quote["speaker"] if quote else None,
                "quote": quote["id"] if quote else None,
                "basis": draw(st.sampled_from([None, "stated", "reported"])),
                "note": draw(maybe_text),
            }
        )
    return {
        "format": 1,
        "sources": [
            {
                "id": "s",
                "text": "sources/s.txt",
                "label": draw(texts),
                "language": None,
                "title": draw(maybe_text),
                "url": None,
                "publisher": None,
                "published": None,
                "note": None,
                "excerpt": draw(maybe_text),
                "draft": draw(st.booleans()),
            }
        ],
        "topics": [{"id": t, "label": draw(texts)} for t in topic_ids],
        "entities": [
            {
                "id": e,
                "name": draw(texts),
                "type": "country",
                "aliases": draw(st.lists(texts, max_size=2)),
                "relations": [],
            }
            for e in entity_ids
        ],
        "speakers": [
            {
                "id": s,
                "name": draw(texts),
                "role": draw(texts),
                "organisation": draw(texts),
                "provenance": provenance(draw),
                "family_name": None,
                "given_name": draw(maybe_text),
                "entity": None,
                "draft": draw(st.booleans()),
            }
            for s in speaker_ids
        ],
        "quotes": quotes,
        "claims": claims,
    }


def as_plain(base: FactBase) -> dict[str, Any]:
    def plain(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj):
            return {
                f.name: plain(getattr(obj, f.name))
                for f in dataclasses.fields(obj)
                if f.name != "origin"
            }
        if isinstance(obj, tuple):
            return [plain(x) for x in obj]
        return obj

    groups = {kind + ("s" if kind != "entity" else ""): group for kind, group in base.groups()}
    groups["entities"] = groups.pop("entity")
    return {"format": 1, **{k: plain(v) for k, v in groups.items()}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_files())
def test_valid_fact_bases_round_trip(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
        base = load_fact_base(path)
    loaded = as_plain(base)
    expected = {k: document[k] for k in loaded}
    assert json.dumps(loaded, sort_keys=True) == json.dumps(expected, sort_keys=True)


MINI_BYTES = (MINI / "facts.yaml").read_bytes()
TOKENS = [
    *(c.encode() for c in ":- \n[]{}'\"#\t~|>"),
    b"&a", b"*a", b"!!python/name:x", b"\xff", b"\x00", b"1e3", b"? ", b"%YAML 1.1\n",
    b"<<: ", b"\xef\xbb\xbf", b"\r\n", b"no", b"2020-01-01", b"\xc2\x80",
]  # fmt: skip
edits = st.lists(
    st.tuples(
        st.integers(0, len(MINI_BYTES) - 1),
        st.sampled_from(["delete", "insert", "replace"]),
        st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_corrupted_fact_files_fail_cleanly(changes: list[tuple[int, str, bytes]]) -> None:
    data = bytearray(MINI_BYTES)
    for pos, op, token in changes:
        pos = min(pos, len(data))
        if op == "delete":
            del data[pos : pos + len(token)]
        elif op == "insert":
            data[pos:pos] = token
        else:
            data[pos : pos + len(token)] = token
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources").mkdir()
        (folder / "sources" / "mini.txt").write_bytes((MINI / "sources" / "mini.txt").read_bytes())
        path = folder / "facts.yaml"
        path.write_bytes(bytes(data))
        try:
            load_fact_base(path)
        except FactBaseError as exc:
            assert "\n" not in exc.describe()
            assert exc.file == str(path)
        report = check_fact_base(path)
        for problem in report.problems:
            assert "\n" not in problem.describe()

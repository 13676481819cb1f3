"""`brtrade export`: schema.org JSON-LD (expanded by pyld), W3C Web Annotations (every
selector applied to the source text), and SQLite (full-text search and joins)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from brtrade.cli import ExitCode
from tests.helpers import ROOT, Run

SCHEMA = "https://schema.org/"


def export(run: Run, *args: str) -> Any:
    result = run("export", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_jsonld_expands_to_schema_org_types_and_values(run: Run) -> None:
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is in the test extras")
    expanded = jsonld.expand(export(run, "jsonld"))
    by_id = {node["@id"]: node for node in expanded}
    claim = by_id["urn:brtrade:claim:asean-trade-2020"]
    assert claim["@type"] == [SCHEMA + "Claim"]
    work = claim[SCHEMA + "appearance"][0]
    assert work["@type"] == [SCHEMA + "CreativeWork"]
    figure = next(
        f
        for f in claim[SCHEMA + "mentions"]
        if f["@id"] == "urn:brtrade:figure:asean-trade-2020-cny"
    )
    assert figure["@type"] == [SCHEMA + "QuantitativeValue"]
    assert figure[SCHEMA + "value"][0]["@value"] == 4.74e12
    assert figure[SCHEMA + "unitCode"][0]["@value"] == "CNY"
    quote = by_id["urn:brtrade:quote:q-tu-xinquan-diversification"]
    assert quote["@type"] == [SCHEMA + "Quotation"]
    person = quote[SCHEMA + "spokenByCharacter"][0]
    assert person["@type"] == [SCHEMA + "Person"]
    assert person[SCHEMA + "name"][0]["@value"] == "Tu Xinquan"
    assert person[SCHEMA + "jobTitle"][0]["@value"] == "executive dean"
    assert person[SCHEMA + "affiliation"][0]["@type"] == [SCHEMA + "Organization"]


def test_jsonld_invents_nothing_the_article_does_not_give(run: Run) -> None:
    text = run("export", "jsonld").stdout
    for invented in ("datePublished", '"url"', "headline", "publisher"):
        assert invented not in text


def test_every_annotation_selector_finds_its_evidence(run: Run) -> None:
    data = export(run, "annotations")
    text = (ROOT / "sources" / "br-trade-2020.txt").read_text("utf-8")
    text = text.replace("\r\n", "\n")
    items = data["first"]["items"]
    assert data["type"] == "AnnotationCollection" and data["total"] == len(items) == 21
    for item in items:
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for target in targets:
            quote, position = target["selector"]
            assert quote["type"] == "TextQuoteSelector"
            assert position["type"] == "TextPositionSelector"
            assert text[position["start"] : position["end"]] == quote["exact"]
            assert quote["prefix"] + quote["exact"] + quote["suffix"] in text


def test_a_quote_over_two_paragraphs_has_two_targets(run: Run) -> None:
    items = export(run, "annotations", "--speaker", "zhou")["first"]["items"]
    quote = next(i for i in items if i["id"].endswith("q-zhou-mi-cooperation"))
    assert isinstance(quote["target"], list) and len(quote["target"]) == 2


def test_sqlite_has_tables_keys_and_full_text_search(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "facts.db"
    assert run("export", "sqlite", "-o", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    counts = {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("claims", "figures", "quotes", "speakers", "entities", "topics", "sources")
    }
    assert counts["claims"] == 18 and counts["quotes"] == 3 and counts["speakers"] == 3
    assert counts["figures"] > 10
    found = {r[0] for r in db.execute("SELECT id FROM search WHERE search MATCH 'pandemic'")}
    assert "br-cooperation-resilient" in found
    joined = db.execute(
        "SELECT c.id, f.value FROM claims c JOIN figures f ON f.claim = c.id "
        "JOIN claim_entities ce ON ce.claim = c.id WHERE ce.entity = 'asean' AND f.unit = 'CNY'"
    ).fetchall()
    assert joined == [("asean-trade-2020", 4.74e12)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_query_exports_its_claims_and_their_quotes(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "zhou.db"
    assert run("export", "sqlite", "--speaker", "zhou", "-o", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 3
    assert db.execute("SELECT id FROM quotes").fetchall() == [("q-zhou-mi-cooperation",)]


def test_sqlite_needs_a_new_file(run: Run, tmp_path: Path) -> None:
    assert run("export", "sqlite").exit_code == ExitCode.USAGE
    taken = tmp_path / "taken.db"
    taken.write_text("mine", "utf-8")
    result = run("export", "sqlite", "-o", str(taken))
    assert result.exit_code == ExitCode.USAGE and taken.read_text("utf-8") == "mine"
    assert "--force" in result.stderr


@pytest.mark.parametrize("fmt", ["sqlite", "jsonld"])
def test_force_replaces_the_file_whole_and_export_says_what_it_wrote(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    taken = tmp_path / "taken.out"
    taken.write_text("mine", "utf-8")
    result = run("export", fmt, "asean", "-o", str(taken), "--force")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"brtrade: export: wrote {taken}: 2 claims, 0 quotes as {fmt}\n"
    assert taken.read_bytes() != b"mine" and list(tmp_path.iterdir()) == [taken]
    target = tmp_path / "target"
    target.write_text("not mine to change", "utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(target)
    assert run("export", fmt, "-o", str(link), "--force").exit_code == 0
    assert target.read_text("utf-8") == "not mine to change" and not link.is_symlink()


def test_datasette_browses_and_searches_the_export(run: Run, tmp_path: Path) -> None:
    """Datasette's own Python API: full-text search and a join, as a newsroom would."""
    import asyncio
    import warnings

    app = pytest.importorskip("datasette.app", reason="Datasette is in the test extras")
    path = tmp_path / "facts.db"
    assert run("export", "sqlite", "-o", str(path)).exit_code == 0

    async def ask() -> tuple[Any, Any]:
        ds = app.Datasette([str(path)])
        found = await ds.client.get("/facts/search.json?_search=pandemic&_shape=array")
        joined = await ds.client.get(
            "/facts.json?_shape=array&sql="
            "select+c.id,+count(f.id)+as+n+from+claims+c+join+figures+f+on+f.claim=c.id"
            "+group+by+c.id+order+by+n+desc+limit+1"
        )
        return found.json(), joined.json()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Datasette's own, not ours
        found, joined = asyncio.run(ask())
    assert "br-cooperation-resilient" in {r["id"] for r in found}
    assert joined == [{"id": "asean-trade-2020", "n": 3}]

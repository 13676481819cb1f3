"""`brtrade draft`: a fact file drafted from an article's text passes `check` but for
the editor's part, and recovers the article's figures and quotes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from brtrade.cli import ExitCode
from brtrade.core.check import check_fact_base
from brtrade.core.loader import load_fact_base
from brtrade.core.paths import bundled_facts_path
from tests.helpers import DATA, ROOT, Run

ARTICLES = [
    ROOT / "sources" / "br-trade-2020.txt",
    ROOT / "examples" / "port-news.txt",
    DATA / "articles" / "solar.txt",
    DATA / "articles" / "rail.txt",
]


def drafted(run: Run, article: Path, folder: Path, *facts: str) -> dict[str, Any]:
    out = folder / f"{article.stem}.yaml"
    result = run(*facts, "draft", str(article), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = yaml.safe_load(out.read_text("utf-8"))
    return loaded


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_a_draft_passes_check_but_for_the_editors_part(
    run: Run, tmp_path: Path, article: Path
) -> None:
    drafted(run, article, tmp_path)
    report = check_fact_base(tmp_path)
    assert report.ok, [p.describe() for p in report.problems]
    assert report.drafts
    result = run("check", str(tmp_path))
    assert result.exit_code == ExitCode.DRAFT
    assert "records still need an editor" in result.stderr


def test_the_bundled_article_yields_all_its_figures_and_quotes(run: Run, tmp_path: Path) -> None:
    doc = drafted(run, ROOT / "sources" / "br-trade-2020.txt", tmp_path)
    base = load_fact_base(bundled_facts_path())
    want = Counter((f.value, f.unit, f.kind) for c in base.claims for f in c.figures)
    got = Counter(
        (float(f["value"]), f["unit"], f["kind"])
        for c in doc["claims"]
        for f in c.get("figures", [])
    )
    assert sum(want.values()) == 11
    assert Counter({(float(v), u, k): n for (v, u, k), n in want.items()}) == got
    speakers = {(s["name"], s["role"], s["organisation"]) for s in doc["speakers"]}
    assert speakers == {(s.name, s.role, s.organisation) for s in base.speakers}
    by_speaker = {q["speaker"]: q for q in doc["quotes"]}
    assert set(by_speaker) == {"li-xiangrong", "tu-xinquan", "zhou-mi"}
    assert by_speaker["zhou-mi"]["provenance"]["paragraphs"] == [8, 9]  # one quote, two paragraphs
    texts = {q.text for q in base.quotes}
    assert {q["text"] for q in doc["quotes"]} == texts


def test_bases_are_stated_and_every_spelling_read(run: Run, tmp_path: Path) -> None:
    doc = drafted(run, ROOT / "examples" / "port-news.txt", tmp_path)
    figures = {f["wording"]: f for c in doc["claims"] for f in c.get("figures", [])}
    assert figures["6.5 percent"]["basis"] == "year-on-year"
    assert figures["about US$29bn"]["value"] == 29e9 and figures["about US$29bn"]["approximate"]
    assert figures["about US$29bn"]["converted_from"] == figures["210 billion yuan"]["id"]
    assert figures["41.3%"]["kind"] == "share"
    chen = doc["speakers"][0]
    assert (chen["role"], chen["organisation"]) == (
        "director of operations",
        "Harbour City Port Authority",
    )
    assert [q["speaker"] for q in doc["quotes"]] == ["maria-chen", "maria-chen"]


def test_a_later_family_name_links_back(run: Run, tmp_path: Path) -> None:
    doc = drafted(run, DATA / "articles" / "rail.txt", tmp_path)
    assert [s["name"] for s in doc["speakers"]] == ["Wang Hao"]
    assert all(q["speaker"] == "wang-hao" for q in doc["quotes"])
    evidence = [q["provenance"]["evidence"] for q in doc["quotes"]]
    assert "Wang said" in evidence


def test_ids_are_unique_against_the_base_and_entities_linked(run: Run, tmp_path: Path) -> None:
    facts = str(ROOT / "facts.yaml")
    doc = drafted(run, ROOT / "sources" / "br-trade-2020.txt", tmp_path, "--facts", facts)
    base = load_fact_base(bundled_facts_path())
    taken = {r.id for _, group in base.groups() for r in group} | set(base.figures_by_id)
    mine = [s["id"] for s in doc["speakers"]] + [q["id"] for q in doc["quotes"]]
    mine += [c["id"] for c in doc["claims"]] + [doc["sources"][0]["id"]]
    assert not set(mine) & taken
    asean = [c for c in doc["claims"] if "ASEAN" in c["statement"]]
    assert asean and all("asean" in c["entities"] for c in asean)


def test_draft_to_stdout_and_bad_articles(run: Run, tmp_path: Path) -> None:
    out = run("draft", str(ROOT / "examples" / "port-news.txt"))
    assert out.exit_code == 0 and out.stdout.startswith("# DRAFT fact file")
    assert yaml.safe_load(out.stdout)["format"] == 1
    assert run("draft", str(tmp_path / "missing.txt")).exit_code == ExitCode.USAGE
    folder = run("draft", str(tmp_path))  # a folder is a bad article, not a bad fact base
    assert folder.exit_code == ExitCode.USAGE and folder.stderr.count("\n") == 1
    taken = tmp_path / "taken.yaml"
    taken.write_text("mine", "utf-8")
    again = run("draft", str(ROOT / "examples" / "port-news.txt"), "-o", str(taken))
    assert again.exit_code == ExitCode.USAGE and taken.read_text("utf-8") == "mine"


def test_check_json_lists_the_drafts(run: Run, tmp_path: Path) -> None:
    drafted(run, ROOT / "examples" / "port-news.txt", tmp_path)
    data = json.loads(run("check", str(tmp_path), "--json").stdout)
    assert data["ok"] and data["drafts"]

"""The bundled fact base is true to the article.

These checks re-implement paragraph splitting and span matching on purpose,
so that they test brtrade's provenance code rather than reuse it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from brtrade.core.model import FactBase
from tests.helpers import ROOT

ARTICLE = ROOT / "sources" / "br-trade-2020.txt"
SHARED_ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
_MULTIPLIERS = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def paragraphs() -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", ARTICLE.read_text("utf-8")) if p.strip()]


def norm(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.split())


def occurs(span: str, paras: list[int]) -> bool:
    article = paragraphs()
    return norm(span) in norm(" ".join(article[n - 1] for n in paras))


def test_bundled_text_is_the_article() -> None:
    if not SHARED_ARTICLE.exists():
        pytest.skip("the shared article is not beside this checkout")
    assert ARTICLE.read_bytes() == SHARED_ARTICLE.read_bytes()


def test_article_has_nine_paragraphs() -> None:
    assert len(paragraphs()) == 9


def test_every_evidence_span_is_verbatim_in_its_paragraphs(base: FactBase) -> None:
    for rec in base.cited():
        assert occurs(rec.provenance.evidence, list(rec.provenance.paragraphs)), rec.id


def test_every_quote_is_verbatim_paragraph_by_paragraph(base: FactBase) -> None:
    article = paragraphs()
    for q in base.quotes:
        parts = q.text.split("\n\n")
        assert len(parts) == len(q.provenance.paragraphs), q.id
        for part, n in zip(parts, q.provenance.paragraphs, strict=True):
            assert norm(part) in norm(article[n - 1]), (q.id, n)


def test_spans_are_not_trivially_short(base: FactBase) -> None:
    for rec in base.cited():
        assert len(rec.provenance.evidence.split()) >= 5, rec.id


def test_speakers_are_attributed_verbatim(base: FactBase) -> None:
    for sp in base.speakers:
        attribution = sp.provenance.evidence
        assert occurs(attribution, list(sp.provenance.paragraphs))
        for value in (sp.name, sp.role, sp.organisation):
            assert value in attribution, (sp.id, value)


def test_quote_attribution_names_its_speaker(base: FactBase) -> None:
    for q in base.quotes:
        assert base.speaker(q.speaker).name in q.provenance.evidence


def test_the_article_speakers_exactly() -> None:
    article = ARTICLE.read_text("utf-8")
    said = re.findall(r"said ([A-Z][a-z]+ [A-Z][a-z]+), ([^\n]+?)\.?$", article, re.M)
    assert [name for name, _ in said] == ["Li Xiangrong", "Tu Xinquan", "Zhou Mi"]


def test_every_direct_quote_is_recorded(base: FactBase) -> None:
    article = ARTICLE.read_text("utf-8")
    # Three quotes open and close; the last runs from paragraph 8 into 9.
    assert article.count("“") == article.count("”") == 3
    assert len(base.quotes) == 3
    assert [q.provenance.paragraphs for q in base.quotes] == [(4,), (6,), (8, 9)]


def test_claims_inside_quotes_link_to_them(base: FactBase) -> None:
    for c in base.claims:
        if c.quote is not None:
            q = base.quote(c.quote)
            assert c.speaker == q.speaker
            assert norm(c.provenance.evidence) in norm(q.text), c.id
    quoted = {c.quote for c in base.claims if c.quote}
    assert quoted == {q.id for q in base.quotes}


def test_every_number_in_each_paragraph_is_a_figure_there(base: FactBase) -> None:
    """Per paragraph, the article's numbers (years aside) equal the figures' numbers."""
    for n, para in enumerate(paragraphs(), 1):
        written = Counter(x for x in _NUMBER.findall(para) if not re.fullmatch(r"(19|20)\d\d", x))
        recorded: Counter[str] = Counter()
        for c in base.claims:
            if n in c.provenance.paragraphs:
                for f in c.figures:
                    recorded.update(_NUMBER.findall(f.wording))
        assert recorded == written, f"paragraph {n}"


def test_years_are_periods_not_figures(base: FactBase) -> None:
    for c in base.claims:
        for f in c.figures:
            assert not re.search(r"\b20\d\d\b", f.wording)
    assert any(c.period == "2020" for c in base.claims)
    assert any(c.period == "2020-H2" for c in base.claims)


def test_figure_values_agree_with_their_wording(base: FactBase) -> None:
    for c in base.claims:
        for f in c.figures:
            m = re.search(r"(\d+(?:\.\d+)?)\s*(trillion|billion|million)?", f.wording)
            assert m, f.id
            expected = float(m.group(1)) * _MULTIPLIERS.get(m.group(2) or "", 1)
            assert f.value == pytest.approx(expected, rel=1e-12), f.id
            assert f.wording in c.provenance.evidence, f.id


def test_conversions_are_marked_approximate(base: FactBase) -> None:
    usd = [f for c in base.claims for f in c.figures if f.unit == "USD"]
    assert len(usd) == 2
    for f in usd:
        assert f.approximate and f.converted_from is not None
        assert f.wording.startswith("about ")
        _, original = base.figures_by_id[f.converted_from]
        assert original.unit == "CNY" and original.period == f.period


def test_unstated_basis_and_period_stay_unstated(base: FactBase) -> None:
    _, rail = base.figures_by_id["br-rail-trade-growth-rate"]
    assert rail.basis == "unstated"
    assert rail.period is None
    bases = {f.id: f.basis for c in base.claims for f in c.figures if f.kind == "change"}
    assert bases == {
        "xidesheng-exports-2020-h2-growth": "same-period-previous-year",
        "asean-trade-2020-growth": "year-on-year",
        "br-trade-2020-growth-rate": "year-on-year",
        "br-rail-trade-growth-rate": "unstated",
    }


def test_source_metadata_invents_nothing(base: FactBase) -> None:
    (src,) = base.sources
    assert (src.title, src.url, src.publisher, src.published) == (None, None, None, None)
    raw = (ROOT / "facts.yaml").read_text("utf-8")
    assert "http" not in raw


def test_every_paragraph_is_cited(base: FactBase) -> None:
    cited = {n for rec in base.cited() for n in rec.provenance.paragraphs}
    assert cited == set(range(1, 10))


def test_aliases_the_issue_names(base: FactBase) -> None:
    asean = base.entity("asean")
    assert {
        "Association of Southeast Asian Nations",
        "Association of the Southeast Asian Nations",
    } <= set(asean.aliases)
    bri = base.entity("belt-and-road")
    assert bri.name == "Belt & Road"
    assert {"Belt and Road", "B&R", "BRI"} <= set(bri.aliases)


def test_editorial_relations_are_marked(base: FactBase) -> None:
    for member in ("indonesia", "singapore"):
        (rel,) = base.entity(member).relations
        assert (rel.type, rel.target, rel.basis) == ("member-of", "asean", "editorial")


def test_fact_file_has_no_tabs_or_trailing_spaces() -> None:
    for i, line in enumerate((ROOT / "facts.yaml").read_text("utf-8").splitlines(), 1):
        assert "\t" not in line and line == line.rstrip(), f"facts.yaml:{i}"


def test_wheel_ships_the_base() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"facts.yaml" = "brtrade/data/facts.yaml"' in pyproject
    assert '"sources" = "brtrade/data/sources"' in pyproject
    assert Path(ROOT / "sources" / "br-trade-2020.txt").is_file()

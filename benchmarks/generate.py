"""Generate a synthetic fact base of any size, on the real schema, with realistic text.

    python benchmarks/generate.py CLAIMS OUT_FOLDER [--quotes N] [--seed S]

Writes OUT_FOLDER/facts.yaml (with --files N, a shared 000-shared.yaml and N
files of articles instead), OUT_FOLDER/sources/*.txt (the articles the
evidence is quoted from, verbatim) and OUT_FOLDER/facts.json (the same data as
JSON, for jq). A generated base passes `brtrade check`. Quotes default to one
for every five claims. The same size and seed give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import TextIO

CLAIMS_PER_ARTICLE = 50
COUNTRIES = (
    "Indonesia Singapore Malaysia Thailand Vietnam Philippines Cambodia Laos Myanmar Brunei "
    "Pakistan Kazakhstan Uzbekistan Mongolia Russia Turkey Iran Iraq Egypt Kenya Ethiopia "
    "Nigeria Poland Hungary Serbia Greece Italy Portugal Chile Peru Brazil Argentina "
    "Bangladesh Sri Lanka Nepal Oman Qatar Saudi Arabia Morocco Tanzania"
).split(" ")
BLOCS = ["ASEAN", "the European Union", "the African Union", "Mercosur", "the Gulf states"]
PORTS = "Yantian Ningbo Qingdao Tianjin Xiamen Dalian Guangzhou Lianyungang Beibu Gulf".split(" ")
PRODUCTS = "bicycles solar panels textiles electronics machinery furniture steel ceramics".split()
FAMILY = "Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma".split()
GIVEN = "Wei Fang Min Jing Lei Yan Hui Qiang Xiurong Jun Tao Ming Xia Hong Gang Ping Xinquan Mi"
ROLES = ["deputy director", "chief economist", "executive dean", "secretary to the board chairman"]
ORG_KINDS = ["Institute of Trade Studies", "Academy of Economic Cooperation", "Trading Company"]
TOPICS = [
    ("belt-and-road", "Belt & Road trade and cooperation"),
    ("trade-value", "Value of trade"),
    ("trade-growth", "Growth of trade"),
    ("asean", "Trade with ASEAN"),
    ("shipping", "Ports and shipping routes"),
    ("rail", "Trade by train"),
    ("manufacturing", "Manufacturing and products"),
    ("exports", "Exports"),
    ("market-diversification", "Market diversification"),
    ("trade-policy", "Trade policy and cooperation"),
    ("outlook", "Expert assessment and outlook"),
]


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class Generator:
    def __init__(self, claims: int, quotes: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_claims = claims
        self.n_quotes = quotes
        self.entities = self._entities()
        self.speakers = self._speakers(max(3, claims // 50))

    def _entities(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = [
            {"id": "china", "name": "China", "type": "country", "aliases": [], "relations": []},
            {
                "id": "belt-and-road",
                "name": "Belt & Road",
                "type": "initiative",
                "aliases": ["Belt and Road", "B&R", "BRI"],
                "relations": [],
            },
        ]
        for name in COUNTRIES:
            rel = (
                [{"type": "member-of", "target": "asean", "basis": "editorial"}]
                if COUNTRIES.index(name) < 10
                else []
            )
            out.append(
                {"id": slug(name), "name": name, "type": "country", "aliases": [], "relations": rel}
            )
        for name in BLOCS:
            bare = name.removeprefix("the ")
            aliases = ["Association of Southeast Asian Nations"] if bare == "ASEAN" else []
            entity = {"id": slug(bare), "name": bare, "type": "bloc", "aliases": aliases}
            out.append({**entity, "relations": []})
        for name in PORTS:
            out.append(
                {
                    "id": slug(name) + "-port",
                    "name": f"{name} Port",
                    "type": "port",
                    "aliases": [],
                    "relations": [],
                }
            )
        return out

    def _speakers(self, n: int) -> list[dict[str, str]]:
        out = []
        given = GIVEN.split()
        for i in range(n):
            fam, giv = self.rng.choice(FAMILY), self.rng.choice(given)
            org = f"{self.rng.choice(COUNTRIES)} {self.rng.choice(ORG_KINDS)} No. {i}"
            out.append(
                {
                    "id": f"sp-{i}",
                    "name": f"{fam} {giv}",
                    "family": fam,
                    "given": giv,
                    "role": self.rng.choice(ROLES),
                    "org": org,
                }
            )
        return out

    def claim(self, i: int) -> tuple[str, dict[str, object]]:
        """One paragraph of an article and the claim quoting it."""
        rng = self.rng
        year = rng.choice([2018, 2019, 2020, 2021])
        kind = rng.random()
        if kind < 0.45:
            partner = rng.choice(BLOCS) if rng.random() < 0.2 else rng.choice(COUNTRIES)
            value = rng.randint(100, 999) / 100
            growth = rng.randint(1, 400) / 10
            amount = f"{value:.2f} trillion yuan"
            pct = f"{growth:g} percent"
            text = (
                f"China's trade with {partner} along the Belt & Road routes reached {amount} "
                f"in {year}, up {pct} year on year."
            )
            figures = [
                ("amount", f"{value:.2f}e+12", "CNY", amount, None),
                ("change", f"{growth:g}", "percent", pct, "year-on-year"),
            ]
            partner_id = slug(partner.removeprefix("the "))
            entities = ["china", partner_id, "belt-and-road"]
            topics = ["belt-and-road", "trade-value", "trade-growth"]
            if partner == "ASEAN":
                topics.append("asean")
        elif kind < 0.75:
            port = rng.choice(PORTS)
            n = rng.randint(2, 60)
            wording = f"{n} new routes"
            text = (
                f"{port} Port opened {wording} in {year}, directly to "
                f"{rng.choice(COUNTRIES)} and other countries along the Belt & Road routes."
            )
            figures = [("count", str(n), "count", wording, None)]
            entities = [slug(port) + "-port", "belt-and-road"]
            topics = ["shipping", "belt-and-road"]
        else:
            product = rng.choice(PRODUCTS)
            growth = rng.randint(1, 900) / 10
            pct = f"{growth:g} percent"
            text = (
                f"Exports of {product} by train to countries along the Belt & Road routes grew "
                f"{pct} in the first half of {year}, compared with the same period a year earlier."
            )
            figures = [("change", f"{growth:g}", "percent", pct, "same-period-previous-year")]
            entities = ["china", "belt-and-road"]
            topics = ["rail", "exports", "manufacturing"]
        claim = {
            "id": f"c-{i}",
            "statement": text,
            "kind": "measurement",
            "period": str(year) if figures[0][4] != "same-period-previous-year" else f"{year}-H1",
            "topics": topics,
            "entities": entities,
            "figures": figures,
            # One claim in ten links its growth to the amount it grew to, as the article
            # does, so that `derive` has prior-year values to compute at every size.
            "linked": len(figures) == 2 and i % 10 == 0,
        }
        return text, claim

    def quote(self, i: int) -> tuple[str, dict[str, object]]:
        sp = self.speakers[i % len(self.speakers)]  # round-robin: every speaker is quoted
        topic = self.rng.choice(["market diversification", "the pandemic", "supply chains"])
        said = (
            f"Trade with countries along the Belt & Road routes shows resilience despite "
            f"{topic}, and cooperation with {self.rng.choice(COUNTRIES)} keeps deepening"
        )
        attribution = f"said {sp['name']}, {sp['role']} of the {sp['org']}"
        text = f"“{said},” {attribution}."
        return text, {"id": f"q-{i}", "speaker": sp["id"], "text": said, "evidence": attribution}


def write(
    claims: int,
    out: Path,
    quotes: int | None = None,
    seed: int = 1,
    files: int = 0,
    per_article: int = CLAIMS_PER_ARTICLE,
) -> Path:
    """Write the base; returns the path of its facts.yaml, or with ``files``, of the
    folder holding them: a shared file (topics, entities, speakers) and ``files``
    files of articles (their sources, quotes and claims), which refer to the shared
    one and, for speakers' attributions, to each other."""
    n_quotes = claims // 5 if quotes is None else quotes
    gen = Generator(claims, n_quotes, seed)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    articles = max(1, (claims + per_article - 1) // per_article)
    claim_parts: list[list[str]] = []
    quote_parts: list[list[str]] = []
    source_parts: list[str] = []
    data_claims: list[dict[str, object]] = []
    data_quotes: list[dict[str, object]] = []
    ci = qi = 0
    for a in range(articles):
        sid = f"article-{a}"
        paragraphs: list[str] = []
        claim_parts.append([])
        quote_parts.append([])
        per_quotes = n_quotes // articles + (1 if a < n_quotes % articles else 0)
        for _ in range(min(per_article, claims - ci)):
            text, claim = gen.claim(ci)
            paragraphs.append(text)
            para = len(paragraphs)
            claim_parts[-1].append(_claim_yaml(claim, sid, para, text))
            data_claims.append({**claim, "provenance": [sid, para, text]})
            ci += 1
        for _ in range(per_quotes):
            text, quote = gen.quote(qi)
            paragraphs.append(text)
            quote_parts[-1].append(_quote_yaml(quote, sid, len(paragraphs)))
            data_quotes.append({**quote, "source": sid, "paragraph": len(paragraphs)})
            qi += 1
        (out / "sources" / f"{sid}.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
        source_parts.append(
            f"  - id: {sid}\n    text: sources/{sid}.txt\n"
            f"    label: {q(f'Synthetic article {a}')}\n    language: en\n"
        )
    intro = "# A synthetic fact base made by benchmarks/generate.py.\nformat: 1\n"
    head = [intro] if files else [intro, "sources:\n", *source_parts]
    head.append("topics:\n")
    head += [f"  - id: {t}\n    label: {q(label)}\n" for t, label in TOPICS]
    head.append("entities:\n")
    for e in gen.entities:
        head.append(
            f"  - id: {e['id']}\n    name: {q(str(e['name']))}\n    type: {e['type']}\n"
            f"    aliases: {json.dumps(e['aliases'], ensure_ascii=False)}\n"
        )
        if e["relations"]:
            head.append("    relations:\n")
            for r in e["relations"]:  # type: ignore[attr-defined]
                head.append(
                    f"      - {{type: {r['type']}, target: {r['target']}, basis: {r['basis']}}}\n"
                )
    quoted = {str(quote["speaker"]) for quote in data_quotes}
    head.append("speakers:\n" if quoted else "speakers: []\n")
    for sp in gen.speakers:
        if sp["id"] not in quoted:
            continue
        evidence = f"said {sp['name']}, {sp['role']} of the {sp['org']}"
        head.append(
            f"  - id: {sp['id']}\n    name: {q(sp['name'])}\n    family_name: {sp['family']}\n"
            f"    given_name: {sp['given']}\n    role: {q(sp['role'])}\n"
            f"    organisation: {q(sp['org'])}\n"
            f"    provenance: {{source: article-0, paragraphs: [1], evidence: {q(evidence)}}}\n"
        )
    facts = out / ("000-shared.yaml" if files else "facts.yaml")
    with facts.open("w", encoding="utf-8") as f:
        f.writelines(head)
        if not files:
            _records(
                f, [q for part in quote_parts for q in part], [c for p in claim_parts for c in p]
            )
    # The speakers' attributions live in their quotes' paragraphs; point each speaker at one.
    _fix_speaker_provenance(facts, data_quotes)
    for n in range(files):
        chosen = range(n * articles // files, (n + 1) * articles // files)
        with (out / f"{n + 1:04d}.yaml").open("w", encoding="utf-8") as f:
            f.write(intro)
            f.write("sources:\n" if chosen else "sources: []\n")
            f.writelines(source_parts[a] for a in chosen)
            _records(
                f,
                [q for a in chosen for q in quote_parts[a]],
                [c for a in chosen for c in claim_parts[a]],
            )
    (out / "facts.json").write_text(
        json.dumps({"claims": data_claims, "quotes": data_quotes}, ensure_ascii=False), "utf-8"
    )
    return out if files else facts


def _claim_yaml(claim: dict[str, object], sid: str, para: int, evidence: str) -> str:
    lines = [
        f"  - id: {claim['id']}\n",
        f"    statement: {q(str(claim['statement']))}\n",
        f"    kind: {claim['kind']}\n",
        f"    period: {q(str(claim['period']))}\n",
        f"    topics: [{', '.join(claim['topics'])}]\n",  # type: ignore[arg-type]
        f"    entities: [{', '.join(claim['entities'])}]\n",  # type: ignore[arg-type]
        "    figures:\n",
    ]
    for n, (kind, value, unit, wording, basis) in enumerate(claim["figures"]):  # type: ignore[arg-type]
        measure = q(f"synthetic {kind} figure")
        lines.append(
            f"      - id: {claim['id']}-f{n}\n        measure: {measure}\n"
            f"        kind: {kind}\n        value: {value}\n        unit: {unit}\n"
            f"        period: {q(str(claim['period']))}\n"
        )
        if basis:
            lines.append(f"        basis: {basis}\n")
        if n == 1 and claim.get("linked"):
            lines.append(f"        applies_to: {claim['id']}-f0\n")
        lines.append(f"        wording: {q(wording)}\n")
    lines.append(
        f"    provenance:\n      source: {sid}\n      paragraphs: [{para}]\n"
        f"      evidence: {q(evidence)}\n"
    )
    return "".join(lines)


def _quote_yaml(quote: dict[str, object], sid: str, para: int) -> str:
    evidence = q(str(quote["evidence"]))
    return (
        f"  - id: {quote['id']}\n    speaker: {quote['speaker']}\n"
        f"    text: {q(str(quote['text']))}\n    topics: [outlook]\n"
        f"    provenance: {{source: {sid}, paragraphs: [{para}], evidence: {evidence}}}\n"
    )


def _records(f: TextIO, quotes: list[str], claims: list[str]) -> None:
    """Write the quotes and claims sections of a fact file."""
    f.write("quotes:\n" if quotes else "quotes: []\n")
    f.writelines(quotes)
    f.write("claims:\n" if claims else "claims: []\n")
    f.writelines(claims)


def _fix_speaker_provenance(facts: Path, quotes: list[dict[str, object]]) -> None:
    first: dict[str, dict[str, object]] = {}
    for quote in quotes:
        first.setdefault(str(quote["speaker"]), quote)
    text = facts.read_text("utf-8")
    out = []
    speaker: str | None = None
    for line in text.splitlines(keepends=True):
        if line.startswith("  - id: sp-"):
            speaker = line.split(": ", 1)[1].strip()
        if speaker and line.startswith("    provenance: {source: article-0, paragraphs: [1],"):
            quote = first.get(speaker)
            if quote is not None:
                line = line.replace(
                    "source: article-0, paragraphs: [1]",
                    f"source: {quote['source']}, paragraphs: [{quote['paragraph']}]",
                )
            speaker = None
        out.append(line)
    facts.write_text("".join(out), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--quotes", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--files", type=int, default=0, help="write a folder of this many article files"
    )
    parser.add_argument(
        "--per-article", type=int, default=CLAIMS_PER_ARTICLE, help="claims in each article"
    )
    args = parser.parse_args()
    print(write(args.claims, args.out, args.quotes, args.seed, args.files, args.per_article))


if __name__ == "__main__":
    main()

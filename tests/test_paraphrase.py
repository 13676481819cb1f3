"""Hearing paraphrase: general English (brtrade/core/english.tsv), words the base does
not hold, compounds, questions about people, and bad questions. The quality of the
answers is measured in tests/quality/; these are tests of each rule's class."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brtrade.cli import ExitCode
from brtrade.core import asking, engine, english, language, match, paraphrase
from brtrade.core.goods import main_verb, traded_goods
from brtrade.core.language import STOP_WORDS
from brtrade.core.loader import load_fact_base
from brtrade.core.memory import Searcher
from brtrade.core.paths import bundled_facts_path
from brtrade.core.people import about_a_person
from brtrade.core.stems import stem
from brtrade.core.terms import Analyzer, Vocabulary, studied_spans, text_terms
from brtrade.core.text import compounds, contractions_marked, strip_controls, words
from tests.helpers import Run

BASE = load_fact_base(bundled_facts_path())


def ids(run: Run, *args: str, memory: bool = False) -> list[str]:
    result = run(*(["--no-cache"] if memory else []), "facts", *args, "--json")
    assert result.exit_code in (0, 1), result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def finds_nothing(run: Run, question: str, memory: bool = False) -> bool:
    """Whether ``facts QUESTION`` answers nothing (exit 1), from the index or memory."""
    flag = ["--no-cache"] if memory else []
    return run(*flag, "facts", question, "--json").exit_code == ExitCode.NO_MATCH


def first_everywhere(run: Run, question: str, answer: str | None) -> bool:
    """Whether ``answer`` is the first answer to ``question`` from the index and from
    memory alike; for None, whether both find nothing."""
    if answer is None:
        return finds_nothing(run, question) and finds_nothing(run, question, memory=True)
    return ids(run, question)[:1] == [answer] == ids(run, question, memory=True)[:1]


def in_top_three(run: Run, question: str, answer: str) -> bool:
    """Whether ``answer`` is among the first three answers to ``question``, from the index
    and from memory alike."""
    return all(answer in ids(run, question, memory=m)[:3] for m in (False, True))


def picked(question: str, rule: Any) -> list[str]:
    """The words of the groups ``rule`` (a paraphrase function of a plan) picks."""
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    found = rule(plan)
    at = [found] if isinstance(found, int) else sorted(found or ())
    return [plan.groups[i].word for i in at]


# -- the table ------------------------------------------------------------------------


def test_the_table_is_sorted_unique_and_well_formed() -> None:
    lines = english.TABLE.read_text("utf-8").splitlines()
    keys = [line.split("\t", 1)[0] for line in lines]
    assert len(lines) > 30_000
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for line in lines:
        key, zipf, flag, related, country, compounds, verb = line.split("\t")
        assert verb in ("", "v")
        assert key not in compounds.split() and compounds.split() == sorted(compounds.split())
        assert key and 0 <= int(zipf) <= 80 and flag in ("n", "m", "o", "v")
        close, _, loose = related.partition("|")
        assert key not in close.split() and key not in loose.split()
        assert not country or (flag in ("n", "m") and key not in country.split())


def test_every_key_is_found_by_the_binary_search() -> None:
    keys = [line.split("\t", 1)[0] for line in english.TABLE.read_text("utf-8").splitlines()]
    for key in (keys[0], keys[-1], *keys[:: len(keys) // 500]):
        assert english.lookup(key) is not None, key


@given(st.text(max_size=30))
def test_lookup_of_any_text_never_fails(text: str) -> None:
    found = english.lookup(text)
    assert found is None or isinstance(found.zipf, float)


def test_related_words_come_from_english() -> None:
    close, loose = english.related(stem("overseas"))
    assert "abroad" in close and stem("export") in (*close, *loose)
    assert stem("country") in english.related(stem("nation"))[0]
    assert stem("bicycle") in english.related(stem("bike"))[0]


@pytest.mark.parametrize(
    ("word", "mostly"),
    [
        ("japan", True),
        ("brazil", True),
        ("germany", True),
        ("paris", True),
        ("trade", False),
        ("exports", False),
        ("recent", False),
        ("nice", False),
        ("port", False),
    ],
)
def test_a_word_english_names_a_place_by_first_is_mostly_a_name(word: str, mostly: bool) -> None:
    found = english.lookup(stem(word))
    assert found is not None and found.mostly_name is mostly


def test_names_are_names_and_weigh_in_full() -> None:
    for name in ("africa", "germany", "russia", "kenya"):
        word = english.lookup(stem(name))
        assert word is not None and word.name, name
        assert english.share(stem(name)) == 100
        assert not english.widens(stem(name))  # 'Africa' is not asked for by 'continent'


def test_common_words_weigh_less_than_rare_ones_and_verbs_less_than_nouns() -> None:
    assert english.share(stem("job")) < english.share(stem("container")) <= 100
    assert english.share(stem("gadget")) >= 90
    assert english.share(stem("popular")) < english.share(stem("tariff"))
    assert english.share("zzqxv") == 100  # unknown to English: as informative as can be


def test_without_the_table_every_unknown_word_weighs_in_full(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setattr(english, "TABLE", english.TABLE.with_name("missing.tsv"))
    english._table.cache_clear()
    english.lookup.cache_clear()
    try:
        assert english.lookup("job") is None and english.share("job") == 100
        assert english.related("job") == ((), ())
    finally:
        monkeypatch.undo()
        english._table.cache_clear()
        english.lookup.cache_clear()


# -- words the base does not hold -------------------------------------------------------

ANSWERED = [
    ("asean trade", "asean-trade-2020"),
    ("yantian port", "yantian-port-most-routes"),
    ("rail trade", "br-rail-trade-growth"),
    ("smart engine", "bicycle-smart-engine"),
    ("xidesheng exports", "xidesheng-exports-2020-h2"),
]


@pytest.mark.parametrize("common", ["job", "popular", "end", "overseas", "really", "detail"])
@pytest.mark.parametrize(("query", "answer"), ANSWERED)
def test_a_common_word_no_record_holds_does_not_sink_the_answer(
    run: Run, query: str, answer: str, common: str
) -> None:
    assert answer in ids(run, *f"{query} {common}".split())[:3]


@pytest.mark.parametrize("noun", ["nations", "nation"])
def test_a_common_noun_the_base_holds_only_in_a_name_is_widened(run: Run, noun: str) -> None:
    """'Nations' is in the base only inside ASEAN's name: a reporter's 'belt and road
    nations' are the article's countries, and asking for them finds the Belt & Road
    records, not only ASEAN's."""
    found = ids(run, "how", "big", "was", "trade", "with", "belt", "and", "road", noun)
    assert {"br-trade-2020-total", "br-trade-2020-growth"} & set(found[:3]), found
    assert ids(run, "association", "of", "southeast", "asian", "nations")[0].startswith("asean")


def test_the_words_of_the_base_s_names_are_its_names_words() -> None:
    from brtrade.core.paraphrase import name_texts, name_words

    found = name_words(name_texts(BASE))
    assert {"commerc", "nation", "academi", "ministri"} <= found  # organisations' names
    assert "bicycl" in found  # Shenzhen Xidesheng Bicycle Company
    assert "pandem" not in found and "complementar" not in found  # said, not named


@pytest.mark.parametrize("question", ["how big was belt and road commerce", "commerce with asean"])
def test_a_common_noun_of_an_organisation_s_name_reaches_its_relations(
    run: Run, question: str
) -> None:
    """'Commerce' is in the base only in 'Ministry of Commerce': a reporter's commerce is
    the article's trade, reached through the loosely related words of English."""
    found = ids(run, question)
    assert found and all(f.startswith(("br-trade", "asean", "br-rail")) for f in found[:2]), found
    assert ids(run, "ministry", "of", "commerce")[0] in {
        "br-cooperation-resilient",
        "br-complementarity",
        "bri-significance",
    }


@pytest.mark.parametrize("name", ["Africa", "Germany", "Keqiang", "Brazil", "Kazakhstan", "US"])
def test_a_name_no_record_holds_still_turns_the_question_away(run: Run, name: str) -> None:
    result = run("facts", "how", "much", "did", "China", "trade", "with", name, "in", "2020")
    assert result.exit_code == ExitCode.NO_MATCH
    assert "no record has:" in result.stderr


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("what role does the belt and road initiative play for China's trade", ["role", "play"]),
        ("what part did the initiative play in China's trade", ["part", "play"]),
        ("how big a role has diversification played", ["big", "role", "played"]),
        ("what part of China's trade was with ASEAN", []),  # a share: no 'play'
        ("what did the company play down", []),
    ],
)
def test_what_role_x_plays_is_the_question_s_form(question: str, form: list[str]) -> None:
    from brtrade.core.language import plays_a_role
    from brtrade.core.text import words

    found = words(question)
    assert [found[k] for k in sorted(plays_a_role(found))] == form


@pytest.mark.parametrize(
    "question",
    [
        "what role does the belt and road initiative play for China's trade",
        "what part does the belt and road initiative play in China's trade",  # not a share
        "what role does the initiative play",
    ],
)
def test_what_role_x_plays_asks_how_much_it_matters(run: Run, question: str) -> None:
    assert ids(run, question)[0] == "bri-significance"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("which belt and road country traded the most with China", None),  # none is said
        ("which ASEAN member imported the most from China", None),
        ("what is China's most important trading partner", "asean-largest-partner-2020"),
        ("which port has the most routes in southern China", "yantian-port-most-routes"),
        ("which markets did the bike company's sales grow most in", "xidesheng-exports-2020-h2"),
        ("how long does assembly and testing of the bikes take", None),  # no time given
        ("how far is the bicycle factory from Yantian port", None),
    ],
)
def test_a_question_for_the_first_of_its_kind_needs_a_record_saying_one(
    run: Run, question: str, answer: str | None
) -> None:
    if answer is None:
        assert finds_nothing(run, question)
    else:
        assert ids(run, question)[0] == answer


@pytest.mark.parametrize(
    ("question", "extreme"),
    [
        ("which country traded the most with China", True),
        ("which country grew most in 2020", False),  # a change, sorted: plan.extreme
        ("what is China's most important partner", True),
        ("where did most of the trade go", False),  # a greater part
        ("which port has most international routes", False),  # more than the others
    ],
)
def test_most_asks_for_an_extreme_only_as_one(question: str, extreme: bool) -> None:
    plan = match.plan_query(question, BASE_VOCABULARY, question=True)
    assert any(g.via == "extreme" for g in plan.groups) is extreme


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # 'states' after the name is the name's, even where it is widened as rare
        (
            "what was the turnover of China's commerce with belt and road states in 2020",
            "br-trade-2020-total",
        ),
        ("how much did the volume of China-ASEAN trade reach", "asean-trade-2020"),  # its form
        ("did belt and road trade boom or slump in 2020", "br-trade-2020-growth"),  # a change
    ],
)
def test_a_sum_s_verbs_and_a_change_s_verbs_are_the_question_s_form(
    run: Run, question: str, answer: str
) -> None:
    assert ids(run, question)[0] == answer


def test_members_after_a_name_stay_the_name_s_when_rare() -> None:
    from brtrade.core.engine import weighed_for
    from brtrade.core.query import Query

    text = "what was trade with belt and road states worth"
    store = SEARCHER.store("claim")  # type: ignore[attr-defined]
    weighed = weighed_for(store, Query(words=tuple(text.split()), text=text))
    (states,) = [g for g in weighed.plan.groups if g.word == "states"]
    assert not states.required  # it was widened to 'court', 'express', and required


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("what was the export value in the second half", "second"),  # rare, so widened
        ("how long does assembly and testing of the bikes take", "testing"),
    ],
)
def test_a_miss_never_says_no_record_has_a_word_one_holds(
    run: Run, question: str, held: str
) -> None:
    result = run("facts", question)
    assert result.exit_code == ExitCode.NO_MATCH
    assert f"'{held}'" not in result.stderr.split(";")[0], result.stderr


@pytest.mark.parametrize(
    "question",
    [
        "Any numbers on how much rail cargo between China and the BRI grew?",
        "how much cargo went by train to belt and road countries",
    ],
)
def test_how_much_cargo_asks_for_trade(run: Run, question: str) -> None:
    """A word for goods that says no more than trade is not what 'how much' measures."""
    assert ids(run, question)[0] == "br-rail-trade-growth"


@pytest.mark.parametrize(
    ("question", "speakers"),
    [
        ("who was quoted", ["li-xiangrong", "tu-xinquan", "zhou-mi"]),
        ("who was interviewed for the story", ["li-xiangrong", "tu-xinquan", "zhou-mi"]),
        ("which experts were quoted", ["tu-xinquan", "zhou-mi"]),  # the editors' 'expert'
        ("who's the guy from the WTO institute quoted in the piece", ["tu-xinquan"]),
        ("who is the woman from the ministry", ["zhou-mi"]),
        ("who is the chairman of Shenzhen Xidesheng Bicycle Company", []),
    ],
)
def test_who_was_quoted_is_every_speaker_or_those_described(
    run: Run, question: str, speakers: list[str]
) -> None:
    rows = json.loads(run("facts", question, "--json").stdout or "[]")
    assert [r["id"] for r in rows if r["type"] == "speaker"] == speakers


@pytest.mark.parametrize(
    "question",
    [
        "was China's commerce with BRI partners up one percent",  # the BRI's, not partners
        "Is it true that China's commerce with BRI partners was up only about one percent?",
    ],
)
def test_members_after_an_editors_one_word_name_are_the_name_s(run: Run, question: str) -> None:
    assert ids(run, question)[0] == "br-trade-2020-growth"


@pytest.mark.parametrize(
    ("question", "one"), [("up about one percent", True), ("one of the routes", False)]
)
def test_one_before_percent_is_the_number(question: str, one: bool) -> None:
    plan = match.plan_query(question, BASE_VOCABULARY, question=True)
    (group,) = [g for g in plan.groups if g.word == "one"]
    assert ("1" in group.exact) is one


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("China's second largest partner", {2: "secondlargest"}),
        ("the third-biggest market and the 2nd top port", {1: "thirdbiggest", 6: "2ndtop"}),
        ("in the second half of 2020", {}),  # a part of a year, not a rank
        ("China's largest trading partner", {}),
    ],
)
def test_a_rank_below_the_first_is_read_with_its_superlative(
    text: str, ranks: dict[int, str]
) -> None:
    from brtrade.core.text import ranked, words

    assert ranked(words(text)) == ranks


def test_the_largest_partner_still_answers_beside_the_second(run: Run) -> None:
    assert ids(run, "which was China's largest trading partner")[0] == "asean-largest-partner-2020"


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("what is CAITEC", "zhou-mi"),
        ("what is the China Institute for WTO Studies", "tu-xinquan"),
        ("what is Xidesheng", "li-xiangrong"),
        ("what is ASEAN", None),  # no one's body: its claims, as before
    ],
)
def test_a_body_asked_for_by_name_answers_with_its_people(
    run: Run, question: str, speaker: str | None
) -> None:
    rows = json.loads(run("facts", question, "--json").stdout)
    people = [r["id"] for r in rows if r["type"] == "speaker"]
    assert people == ([speaker] if speaker else [])
    assert any(r["type"] == "claim" for r in rows)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how much was ASEAN trade in US dollars", "asean-trade-2020"),
        ("what was trade with belt and road countries worth in US currency", "br-trade-2020-total"),
        ("US dollars", "br-trade-2020-total"),
    ],
)
def test_us_before_dollars_names_the_currency_not_the_us(
    run: Run, question: str, answer: str
) -> None:
    from brtrade.core.terms import Vocabulary, text_terms

    assert ids(run, question)[0] == answer
    terms, _ = text_terms(
        "about 730 billion U.S dollars, or 730 billion US dollars", Vocabulary([])
    )
    assert not {"us", "u", "s"} & set(terms)  # the record holds the currency, not the US
    assert {"q:us", "q:u", "q:s"} <= set(terms)  # ...and the words, for a keyword search
    assert ids(run, "US")[:2] == ["br-trade-2020-total", "asean-trade-2020"]


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("how fast did China's economy grow in 2020", ["economy"]),
        ("by how much did the bicycle company's export sales rise", ["export", "sales"]),
        ("how much did imports from ASEAN fall", ["imports"]),
        ("how quickly did China-ASEAN trade expand", ["trade"]),  # names are its scope
        ("how much did trade expand", ["trade"]),
        ("how much did China invest in 2020", []),  # an amount, not a change
        ("did trade grow", []),  # no 'how fast': it only ranks
    ],
)
def test_what_a_change_question_says_changed(question: str, subject: list[str]) -> None:
    vocabulary = Analyzer(load_fact_base(bundled_facts_path())).vocabulary
    plan = match.plan_query(question, vocabulary, question=True)
    names = paraphrase.typed_names(question)
    assert sorted(plan.groups[i].word for i in asking.changed(plan, names)) == sorted(subject)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("how fast did China's economy grow in 2020", None),  # trade grew; no economy did
        ("how much did imports from ASEAN fall", None),
        ("by how much did belt and road commerce expand", "br-trade-2020-growth"),
        ("how much did Xidesheng's export sales rise", "xidesheng-exports-2020-h2"),
    ],
)
def test_a_change_is_of_what_the_question_says_changed(
    run: Run, question: str, first: str | None
) -> None:
    if first is None:
        assert run("facts", *question.split()).exit_code == ExitCode.NO_MATCH
    else:
        assert first in ids(run, *question.split())[:3]


@pytest.mark.parametrize(
    ("question", "needed"),
    [
        ("what is the price of the Xidesheng e-bike", True),
        ("what was the container throughput of Yantian port in 2020", True),
        ("what was China's trade surplus", True),
        ("does the engine have a price advantage", False),  # not what is asked for
        ("what is the appeal of the engine", False),
        ("what was the value of trade with ASEAN", True),
        ("what is the annual capacity of the port", True),
        ("how much did China export to Indonesia", True),
        ("how much does the e-bike cost", True),
        ("how much has the pandemic hurt trade", False),  # a degree
        ("how much do the economies complement each other", False),
        ("how much trade did China do with ASEAN", False),  # an amount preferred only
        ("how big is the Xidesheng factory", True),
        ("how heavy is the smart engine", True),
        ("what was the trade balance with belt and road countries", True),
        ("how big was the rise in rail trade", False),  # a change
        ("how big a part of China's trade was with the routes' countries", False),  # a share
        ("what is the speed of the smart bike engine", True),
        ("what is the range of the e-bike", True),
        ("what is the length of the new routes", True),
    ],
)
def test_a_question_asking_for_a_measure_needs_an_amount(question: str, needed: bool) -> None:
    from brtrade.core.language import asked_kind, kind_needed

    seq = [stem(w) for w in question.lower().replace("'s", " s").split()]
    kind = asked_kind(seq)
    assert (kind == "amount" and kind_needed(seq, kind)) is needed


@pytest.mark.parametrize(
    "question",
    [
        "what is the price of the Xidesheng e-bike",
        "what was the container throughput of Yantian",
        "what is the speed of the smart bike engine",
        "how many countries are part of the belt and road initiative",  # a count
        "which country was China's second largest trading partner",  # not the largest
        "what was China's second-largest trading partner",
    ],
)
def test_a_measure_no_figure_gives_finds_nothing(run: Run, question: str) -> None:
    """The engine's statement says it has a price advantage; it gives no price."""
    result = run("facts", *question.split())
    assert result.exit_code == ExitCode.NO_MATCH, result.stdout


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("who holds the intellectual property on the engine", "holds"),
        ("who owns the patents on the smart motor", "owns"),
        ("who runs Yantian port", "runs"),
        ("who did build the new routes", "build"),
    ],
)
def test_the_verb_after_who_is_not_a_name(question: str, verb: str) -> None:
    """A 'who' question names a person by its words, but its verb says what the person
    does in the reporter's words: it weighs as English says, and may be widened."""
    asked = asking.asked_for_by_who(question)
    assert verb not in asked
    assert asked  # the rest still names the person
    assert "president" in asking.asked_for_by_who("who is the president of ASEAN")


@pytest.mark.parametrize(
    "question",
    ["who holds the intellectual property on the engine", "who owns the patents on the motor"],
)
def test_a_who_question_in_other_verbs_finds_the_record(run: Run, question: str) -> None:
    assert ids(run, *question.split())[0] == "xidesheng-engine-advantages"


def test_a_related_word_answers_and_explain_says_how(run: Run) -> None:
    result = run(
        "facts", "overseas", "revenue", "of", "the", "bicycle", "company", "--json", "--explain"
    )  # ('overseas sales' is the editors' vocabulary for exports: not a related word)
    rows = json.loads(result.stdout)
    assert rows and rows[0]["id"] == "xidesheng-exports-2020-h2"
    assert any(m["via"] == "related" for m in rows[0]["explain"]["matched"])


def test_a_record_in_the_question_s_own_words_outranks_one_in_related_words(run: Run) -> None:
    # 'exports' is the article's word; 'overseas' reaches the same record only through it.
    assert ids(run, "xidesheng", "exports")[:1] == ids(run, "xidesheng", "overseas")[:1]


@pytest.mark.parametrize(
    "question",
    [
        "how did the bicycle maker do overseas at the end of 2020",
        "how much did trade with southeast asian countries grow",
        "what did the WTO scholar say about China's trading partners",
        "which group of countries was China's number one trade partner in 2020",
        "what share of trade is belt and road trade",
        "how many routes opened at yantian",
        "how big was trade with belt and road nations",
        "Chinese trade with Indonesian ports",
        "the Shenzhen harbour's new routes",
    ],
)
def test_the_index_and_memory_answer_paraphrase_alike(run: Run, question: str) -> None:
    cached = run("facts", question, "--json")
    memory = run("--no-cache", "facts", question, "--json")
    assert cached.exit_code == memory.exit_code
    assert cached.stdout == memory.stdout


# -- the kind of figure a question asks for ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what share of exports went to asean", "share"),
        ("what fraction of the total was rail", "share"),
        ("what proportion of trade", "share"),
        ("how fast did exports grow", "change"),
        ("how much did trade increase", "change"),  # a change, though 'how much'
        ("did imports fall", "change"),
        ("how many routes opened", "count"),
        ("the number of ships", "count"),
        ("roughly how many US dollars did trade come to", "amount"),  # money: an amount
        ("how many billion yuan was it worth", "amount"),
        ("the number of trillion dollars traded", "amount"),
        ("how many routes opened in yuan terms at the port last year", "count"),
        ("how much of China's trade was with the routes' countries", "share"),
        ("what slice of overall trade came from belt and road partners", "share"),
        ("how much was trade worth", "amount"),  # 'much' alone: an amount
        ("what is the price of the e-bike", "amount"),  # a measure asked for: an amount
        ("what was the container throughput of Yantian port", "amount"),
        ("what was the average wage at the factory", "amount"),
        ("how big was trade", "amount"),
        ("what was the value of exports", "amount"),
        ("how much was it worth", "amount"),
        ("what was the scale of the trade", "amount"),
        ("what was the extent of commerce", "amount"),
        ("what amount was traded", "amount"),
        ("the magnitude of exports", "amount"),
        ("who is zhou mi", None),
        ("why is the engine popular", None),
        ("which bloc was the number one partner", None),  # 'number' without 'of'
        ("has selling to many markets helped", None),  # 'many' without 'how'
        ("by what percentage did trade change", "change"),  # not a share
        ("by how much did exports rise", "change"),
        ("what was the headline figure for trade", "figure"),
        ("what statistics describe the port", "figure"),
        ("stats on belt and road trade in 2020", "figure"),  # found nothing: 'stats' unknown
        ("how fast is the smart bike", "amount"),  # a speed: no verb of change
        ("what percent of the country's total trade was with the routes", "share"),
        ("what percent did trade grow", "change"),  # 'percent' alone
        ("how fast is rail trade growing", "change"),
        ("how many figures are there", "count"),  # a count first
        ("how many countries are part of the belt and road initiative", "count"),
        ("was belt and road trade up or down in 2020", "change"),
        ("how much did belt and road trade edge up", "change"),
        ("did belt and road trade boom or slump", "change"),
        ("what edge does the engine have", None),  # 'edge' alone is no change
        ("how many partners accounted for most of the trade", "count"),
        ("how large a part of trade did ASEAN account for", "share"),
    ],
)
def test_a_question_says_the_kind_of_figure_it_asks_for(question: str, kind: str | None) -> None:
    from brtrade.core.language import asked_kind
    from brtrade.core.stems import stems

    assert asked_kind(stems(question)) == kind


def kinds_of_first(run: Run, question: str) -> list[str]:
    result = run("facts", question, "--json")
    assert result.exit_code == 0, result.stderr
    return [f["kind"] for f in json.loads(result.stdout)[0]["figures"]]


SUBJECTS = ["belt and road trade", "trade with belt and road countries", "trade with asean"]


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(
    ("form", "kind"),
    [
        ("how big was {}", "amount"),
        ("what was the value of {}", "amount"),
        ("what was the scale of {}", "amount"),
        ("what was the extent of {}", "amount"),
        ("how fast did {} grow", "change"),
        ("by how much did {} increase", "change"),
    ],
)
def test_the_first_answer_has_a_figure_of_the_kind_asked_for(
    run: Run, subject: str, form: str, kind: str
) -> None:
    assert kind in kinds_of_first(run, form.format(subject))


FIGURED = sorted({t for c in BASE.claims if c.figures for t in c.topics})


@pytest.mark.parametrize("topic", FIGURED)
def test_asking_for_a_figure_puts_a_record_with_one_first(run: Run, topic: str) -> None:
    """'What figures are there on X': for every topic some claim with a figure is on,
    the first answer gives a figure."""
    label = BASE.topic(topic).label
    result = run("facts", f"what figures are given on {label}", "--json")
    assert result.exit_code == 0, (label, result.stderr)
    assert json.loads(result.stdout)[0]["figures"], label


def test_asking_for_a_share_puts_the_share_first_where_the_words_alone_do_not(run: Run) -> None:
    assert ids(run, "belt and road trade")[0] != "br-trade-2020-share"
    assert "share" in kinds_of_first(run, "what share of trade is belt and road trade")
    assert "share" in kinds_of_first(run, "what portion of trade is belt and road trade")


@pytest.mark.parametrize(
    "question", ["how many elephants were exported", "what share of trade went to Brazil"]
)
def test_the_kind_asked_for_never_makes_an_answer(run: Run, question: str) -> None:
    result = run("facts", question, "--json")
    assert result.exit_code == 1 and json.loads(result.stdout or "[]") == []


KIND_FLOOR_QUESTIONS = [
    # (question in a reporter's words, the record holding the figure of the kind asked for)
    (
        "how rapidly did cross-border railway commerce with economies on the belt and road climb",
        "br-rail-trade-growth",
    ),
    (
        "what proportion of chinese commerce involved economies on the belt and road",
        "br-trade-2020-share",
    ),
]


@pytest.mark.parametrize(("question", "answer"), KIND_FLOOR_QUESTIONS)
def test_the_kind_floor_answers_a_question_in_other_words_with_its_figure(
    run: Run, monkeypatch: pytest.MonkeyPatch, question: str, answer: str
) -> None:
    from brtrade.core import match

    assert ids(run, question, memory=True)[:1] == [answer]
    # Without the lower floor the figure is missed: the floor is what answers.
    monkeypatch.setattr(match, "KIND_FLOOR_PERCENT", match.FLOOR_PERCENT)
    assert ids(run, question, memory=True)[:1] != [answer]


@pytest.mark.parametrize(("question", "answer"), KIND_FLOOR_QUESTIONS)
def test_the_index_and_memory_apply_the_kind_floor_alike(
    run: Run, question: str, answer: str
) -> None:
    assert ids(run, question) == ids(run, question, memory=True)


@pytest.mark.parametrize(
    "question",
    [
        "how many containers did yantian handle",  # what it counts: no record holds it
        "what share of exports went to Japan",  # a name
        "what was the growth of trade with Brazil",
        "how many bicycles did the tianjin factory export",  # a name unknown to English
        "what share of the 2019 total was rail",  # a number
    ],
)
def test_the_kind_floor_still_needs_what_is_asked_for_itself(run: Run, question: str) -> None:
    assert ids(run, question) == []


def test_what_a_question_asks_for_itself() -> None:
    from brtrade.core import paraphrase
    from brtrade.core.match import plan_query

    vocab = Vocabulary((t.id, t.words) for t in BASE.vocabulary)
    plan = plan_query(
        "how many containers did Yantian ship to belt and road countries in 2020 via x-9",
        vocab,
        question=True,
    )
    said = {g.word: i for i, g in enumerate(plan.groups)}
    names = paraphrase.typed_names("how many containers did Yantian ship")
    itself = paraphrase.asked_itself(plan, names, asking.counted(plan))
    assert {plan.groups[i].word for i in itself} >= {"containers", "yantian", "belt and road"}
    assert said["ship"] not in itself and said["countries"] not in itself


def test_the_kind_floor_is_never_above_the_floor_and_never_nothing() -> None:
    from brtrade.core.match import FLOOR_PERCENT, KIND_FLOOR_PERCENT, Group, Plan, Weighed

    assert 0 < KIND_FLOOR_PERCENT < FLOOR_PERCENT
    plan = Plan((Group("a", ("a",)), Group("(share)", ("k:share",), required=False, via="kind")))
    for weight in (1, 2, 3, 50, 400):
        w = Weighed(plan, (weight, 100), (1, 1))
        assert 1 <= w.kind_need <= w.need


@pytest.mark.parametrize(
    ("question", "needed"),
    [
        ("how many routes opened", True),
        ("the number of ships", True),
        ("what percentage of trade was rail", True),
        ("what proportion of exports", True),
        ("what part did the ports play", False),  # 'part' asks for a share only at times
        ("how big was trade", True),  # a size: in a figure
        ("how big was the rise", False),  # a change, preferred
        ("how fast did exports grow", False),
    ],
)
def test_some_questions_can_be_answered_only_by_the_kind_they_ask_for(
    question: str, needed: bool
) -> None:
    from brtrade.core.language import asked_kind, kind_needed
    from brtrade.core.stems import stems

    kind = asked_kind(stems(question))
    assert kind is not None and kind_needed(stems(question), kind) == needed


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how many e-bikes did the Shenzhen company ship abroad", None),  # a count of routes
        ("what percentage of the bike maker's sales were abroad", None),  # it has no share
        ("how many routes were added at Yantian", "yantian-port-new-routes-2020"),
        (
            "what percentage of China's trade was with belt and road countries",
            "br-trade-2020-share",
        ),
        ("which bloc was the number one partner of China", "asean-largest-partner-2020"),
    ],
)
def test_how_many_and_what_percentage_want_that_figure_of_that_thing(
    run: Run, question: str, answer: str | None
) -> None:
    found = ids(run, question)
    assert found[:1] == ([answer] if answer else [])
    assert ids(run, question, memory=True) == found


def test_a_word_of_the_question_s_form_weighs_little() -> None:
    from brtrade.core.engine import weighed_for
    from brtrade.core.memory import Searcher
    from brtrade.core.query import resolve_query

    searcher = Searcher(BASE)
    q = resolve_query(searcher.names(), ["what is the share of trade that is with asean"])
    weighed = weighed_for(searcher.store("claim"), q)
    pairs = list(zip(weighed.plan.groups, weighed.weights, strict=True))
    content = [w for g, w in pairs if g.required]
    form = [w for g, w in pairs if g.via == "word" and not g.required]
    assert form and content  # 'is', 'the', 'of', 'that', 'with'; 'share', 'trade', 'asean'
    assert set(form) == {0} and min(content) > 0


@pytest.mark.parametrize(
    "words",
    ["bicycle engine", "rail trade", "yantian routes", "asean partner", "market diversification"],
)
@pytest.mark.parametrize("form", ["what makes the {}", "what is it that makes the {} so"])
def test_a_common_verb_or_adjective_few_records_hold_does_not_lead(
    run: Run, words: str, form: str
) -> None:
    """'make' is in one record of the base ('making important contribution'), so by
    the base alone it would outweigh 'trade'; English says it tells little, and it
    weighs so."""
    assert ids(run, form.format(words))[:1] == ids(run, words)[:1]


@pytest.mark.parametrize(
    "words",
    ["bicycle engine", "rail trade", "yantian routes", "asean partner", "market diversification"],
)
@pytest.mark.parametrize(
    "form", ["is it so that the {} is", "what is it with the {} that they were"]
)
def test_words_of_the_question_s_form_do_not_change_the_first_answer(
    run: Run, words: str, form: str
) -> None:
    assert ids(run, form.format(words))[:1] == ids(run, words)[:1]


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("how many containers passed through the port", "containers"),
        ("how many shipping containers passed through", "containers"),
        ("how many freight workers were hired", "workers"),
        ("the number of steel plants in guangdong", "plants"),
        ("how many new factories opened in shenzhen", "factories"),
    ],
)
def test_what_a_question_counts_is_the_head_of_its_phrase(question: str, head: str | None) -> None:
    from brtrade.core.asking import counted
    from brtrade.core.match import plan_query
    from brtrade.core.terms import Vocabulary

    plan = plan_query(question, Vocabulary([]), question=True)
    assert [plan.groups[i].word for i in sorted(counted(plan))] == ([head] if head else [])


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("chinese", "china"),
        ("indonesian", "indonesia"),
        ("singaporean", "singapor"),
        ("guangdongese", "guangdong"),
        ("african", None),  # no name of the base
        ("american", None),  # a word of a name itself (the Institute of American ... Studies)
        ("economies", None),
    ],
)
def test_a_place_s_adjective_is_read_as_the_place(word: str, name: str | None) -> None:
    from brtrade.core.paraphrase import demonym_of, name_texts, name_words

    assert demonym_of(word, name_words(name_texts(BASE))) == name


@pytest.mark.parametrize(
    ("adjective", "noun"),
    [
        (
            "Chinese trade with belt and road countries",
            "China's trade with belt and road countries",
        ),
        ("new routes to Indonesian ports", "new routes to Indonesia's ports"),
    ],
)
def test_a_question_with_the_adjective_answers_as_with_the_name(
    run: Run, adjective: str, noun: str
) -> None:
    assert ids(run, adjective)[:1] == ids(run, noun)[:1] != []


def test_an_adjective_of_a_place_the_base_does_not_know_still_finds_nothing(run: Run) -> None:
    result = run("facts", "African trade with China in 2020", "--json")
    assert result.exit_code == 1


# -- a capital for its country ----------------------------------------------------------


@pytest.mark.parametrize(
    ("capital", "country"),
    [("beijing", "china"), ("peking", "china"), ("moscow", "russia"), ("canberra", "australia")],
)
def test_the_table_knows_the_country_of_a_national_capital(capital: str, country: str) -> None:
    assert stem(country) in english.capital_of(stem(capital))


@pytest.mark.parametrize("word", ["shenzhen", "port", "china", "trade", "qwertyuiop"])
def test_no_other_word_stands_for_a_country(word: str) -> None:
    assert english.capital_of(stem(word)) == ()


def test_a_capital_stands_for_its_country_only_where_the_base_names_the_country() -> None:
    from brtrade.core.paraphrase import name_texts, name_words, seat_of

    names = name_words(name_texts(BASE))
    assert seat_of(stem("beijing"), names) == "china"
    assert seat_of(stem("moscow"), names) is None  # the base knows no Russia
    assert seat_of(stem("beijing"), frozenset()) is None


@pytest.mark.parametrize(
    ("metonym", "plain"),
    [
        (
            "what is Beijing doing to promote regional cooperation",
            "what is China doing to promote regional cooperation",
        ),
        (
            "how much did Beijing's trade with ASEAN grow",
            "how much did China's trade with ASEAN grow",
        ),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_question_naming_the_capital_answers_as_naming_the_country(
    run: Run, metonym: str, plain: str, memory: bool
) -> None:
    assert ids(run, metonym, memory=memory)[:1] == ids(run, plain, memory=memory)[:1] != []


@pytest.mark.parametrize("question", ["how did Moscow's trade with China change", "Tokyo exports"])
def test_the_capital_of_a_country_the_base_does_not_know_still_finds_nothing(
    run: Run, question: str
) -> None:
    assert run("facts", question, "--json").exit_code == 1


# -- places within places ---------------------------------------------------------------


@pytest.mark.parametrize("place", ["shenzhen", "guangdong"])
def test_a_place_finds_the_records_of_what_lies_in_it(run: Run, place: str) -> None:
    """Yantian Port is located in Shenzhen, in Guangdong: a reporter's 'the Shenzhen port'
    or 'Guangdong's new routes' is about it, though the claim names only the port."""
    assert "yantian-port-new-routes-2020" in ids(run, place, "port", "new", "routes")[:1]


def test_a_record_naming_the_place_itself_ranks_above_one_inside_it(run: Run) -> None:
    # yantian-port-most-routes names Shenzhen in its statement; the new routes only by
    # place (and the bicycle factory, which says 'near the port', may come between).
    found = ids(run, "shenzhen", "port")
    assert found[0] == "yantian-port-most-routes"
    assert "yantian-port-new-routes-2020" in found[:3]


# -- compounds ----------------------------------------------------------------------------


def test_compounds_are_found_with_their_parts() -> None:
    assert compounds("an e-bike and year-on-year trade") == [("e", "bike"), ("year", "on", "year")]
    assert compounds("no hyphen here") == []


def test_a_compound_is_also_its_joined_form() -> None:
    terms, _ = text_terms("the e-commerce boom", Vocabulary([]))
    assert stem("ecommerce") in terms and stem("commerce") in terms


def test_a_hyphenated_question_matches_its_parts(run: Run) -> None:
    assert set(ids(run, "e-bike")[:3]) & {"bicycle-smart-engine", "xidesheng-engine-advantages"}
    assert "asean-trade-2020" in ids(run, "China-ASEAN", "trade")[:3]


# -- people -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("what is Zhou Mi's job", True),
        ("who is Tu Xinquan", True),
        ("where does Li Xiangrong work", True),
        ("where is Tu Xinquan based", True),
        ("what does the ministry's expert do", True),
        ("which university is Tu Xinquan affiliated with", True),
        ("how much did China trade with ASEAN", False),
        ("what did Tu Xinquan say about diversification", False),
        ("which expert was quoted on the pandemic", True),
        ("what Chinese official spoke about trade", True),
        ("tell me about Zhou Mi", True),
        ("which countries are along the routes", False),
        ("what official data show growth", False),
        ("what did the commerce ministry spokesperson say about tariffs", False),  # what said
        ("what did the bicycle company's spokesman tell reporters", False),
        ("what was said by the spokesperson", False),
        ("who is the spokesperson for the bicycle company", True),
        ("what is the spokesperson's job", True),
        ("is Zhou Mi an economist", True),  # is X a ROLE
        ("was Li Xiangrong a spokesman for the company", True),
        ("what is the Xidesheng secretary's name", True),  # a person's name
        ("what is the company's name", False),  # a body's
        ("is the smart engine new", False),
        ("where is the e-bike maker based", False),  # a body, no person
        ("tell me what the bike firm's spokesman said about its exports", False),  # what said
        ("where is the bicycle company based", False),
        ("where is the ministry's expert based", True),
        ("what position does the bicycle company's secretary hold", True),
        ("how does Zhou Mi earn a living", True),  # 'a living': what someone does
        ("what does Li Xiangrong do for a living", True),
        ("how did the pandemic affect living standards", False),
    ],
)
def test_questions_about_people_are_told_apart(question: str, person: bool) -> None:
    assert about_a_person(question) is person


@pytest.mark.parametrize("speaker", [s.id for s in BASE.speakers])
@pytest.mark.parametrize("form", ["who is {}", "what is {}'s job", "where does {} work"])
def test_a_question_about_a_speaker_answers_with_the_speaker(
    run: Run, speaker: str, form: str
) -> None:
    name = BASE.speaker(speaker).name
    result = run("facts", form.format(name), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert (rows[0]["type"], rows[0]["id"]) == ("speaker", speaker)
    assert {r["type"] for r in rows[1:]} <= {"quote", "claim"}
    assert any(r["type"] == "quote" and r["speaker"]["id"] == speaker for r in rows)


def test_the_speaker_comes_first_in_the_table(run: Run) -> None:
    result = run("facts", "what title does Tu Xinquan hold")
    assert result.exit_code == 0
    assert result.stdout.index("Speaker") < result.stdout.index("executive dean")
    assert "Quote" in result.stdout


def test_columns_of_one_record_type_list_claims_only(run: Run) -> None:
    result = run("facts", "who is Zhou Mi", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(line.startswith("claim,") for line in lines[1:]), lines


SPOKEN = [c for c in BASE.claims if c.speaker]


@pytest.mark.parametrize("claim", SPOKEN, ids=[c.id for c in SPOKEN])
@pytest.mark.parametrize("form", ["who said {}", "which expert talked about {}"])
def test_who_said_something_answers_with_who_said_it(run: Run, claim: Any, form: str) -> None:
    """A question of who said something, naming no speaker, is answered by the speaker
    of what matches it best: the claims made inside quotes, asked in their own words."""
    result = run("facts", form.format(claim.statement.rstrip(".")), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert (rows[0]["type"], rows[0]["id"]) == ("speaker", claim.speaker)


def test_the_speaker_a_question_describes_is_told_from_others_who_said_it(run: Run) -> None:
    both = run("facts", "who talked about market diversification", "--json")
    assert [r["id"] for r in json.loads(both.stdout) if r["type"] == "speaker"] == [
        "tu-xinquan",
        "zhou-mi",
    ]
    one = run("facts", "who is the executive dean quoted on market diversification", "--json")
    assert [r["id"] for r in json.loads(one.stdout) if r["type"] == "speaker"] == ["tu-xinquan"]


def test_who_said_what_no_one_said_has_no_speaker_row(run: Run) -> None:
    result = run("facts", "who said exports to Africa fell", "--json")
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    assert not [r for r in rows if r["type"] == "speaker"]


def test_a_question_about_no_speaker_of_the_base_has_no_speaker_row(run: Run) -> None:
    result = run("facts", "who is China's biggest trading partner", "--json")
    rows = json.loads(result.stdout)
    assert rows and all(r["type"] == "claim" for r in rows)
    assert rows[0]["id"] == "asean-largest-partner-2020"


# -- bad questions --------------------------------------------------------------------------


def test_a_question_of_stop_words_only_is_answered_or_refused_cleanly(run: Run) -> None:
    result = run("facts", "what", "is", "the", "of", "and")
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr


def test_an_over_long_question_is_cut_with_a_note(run: Run) -> None:
    question = " ".join(["asean", "trade", "job"] * 3400)
    result = run("facts", question, "--json")
    assert result.exit_code in (0, 1)
    assert "reading its first 100 words" in result.stderr
    assert result.stderr.count("\n") <= 3


@pytest.mark.parametrize("question", ["😀 🚢", "\x1b[31m\x07", "\u200b\u200b"])
def test_a_question_with_nothing_to_search_for_is_a_usage_error(run: Run, question: str) -> None:
    result = run("facts", question)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1


def test_control_sequences_are_no_words(run: Run) -> None:
    result = run("facts", "asean\x1b[31m \x1b]52;c;aGk=\x07trade", "--json")
    assert result.exit_code == 0
    assert "31m" not in result.stderr and "52" not in result.stderr
    assert strip_controls("a\x1b[1;31mb\x1b]0;title\x07c\td\n") == "abc\td\n"


@given(st.text(max_size=200))
def test_any_question_text_is_read_without_failing(text: str) -> None:
    from brtrade.core.memory import Searcher

    searcher = SEARCHER
    try:
        searcher.claims([text])
    except Exception as exc:  # only a usage error is allowed: nothing to search for
        from brtrade.core.errors import UsageError

        assert isinstance(exc, UsageError)
    assert isinstance(searcher, Searcher)


def _searcher() -> object:
    from brtrade.core.memory import Searcher

    return Searcher(BASE)


SEARCHER = _searcher()


def test_each_row_of_an_answer_about_a_person_validates_as_its_type(run: Run) -> None:
    import jsonschema

    from brtrade.contract.schema import output_schema

    schema = output_schema()
    rows = json.loads(run("facts", "what is Zhou Mi's job", "--json").stdout)
    assert [r["type"] for r in rows][:2] == ["speaker", "quote"]
    for row in rows:
        jsonschema.validate(row, {**schema, "$ref": f"#/$defs/{row['type']}"})


# -- what a 'what is/was' question asks for ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("what was China's trade surplus in 2020", "surplus"),
        ("what is the jobless rate in guangdong", "rate"),
        ("what were the average wages at the plant", "wages"),
        ("what's the inflation rate", "rate"),
        ("what was the annual rise in trade", None),  # the kind floor asks for a change
        ("what is the appeal of the engine", None),
        ("what is the relationship between China and ASEAN", None),
        ("what was the combined value of trade with asean", None),
        ("what were the main highlights of the year", None),
        ("what is the purpose of the initiative", None),
        ("what was the headline figure", None),
        ("what did the expert say", None),
        ("how did trade grow", None),
        # after 'the' or a possessive, a plural is the phrase's noun, not a verb's form
        ("what are the selling points", "points"),
        ("what are the port's shipping lanes", "lanes"),
        ("what are the selling points of the engine", None),
    ],
)
def test_what_a_question_asks_for_is_the_head_of_its_phrase(
    question: str, head: str | None
) -> None:
    from brtrade.core.asking import asked_for
    from brtrade.core.match import plan_query

    plan = plan_query(question, BASE_VOCABULARY, question=True)
    assert [plan.groups[i].word for i in sorted(asked_for(plan))] == ([head] if head else [])


BASE_VOCABULARY = Vocabulary([(t.id, list(t.words)) for t in BASE.vocabulary])

MEASURES_NOT_HELD = ["trade surplus", "trade deficit", "average wage", "jobless rate", "GDP"]
SUBJECTS_HELD = ["China's {} in 2020", "the {} at the bicycle factory", "Guangdong's {}"]


@pytest.mark.parametrize("measure", MEASURES_NOT_HELD)
@pytest.mark.parametrize("subject", SUBJECTS_HELD)
def test_a_what_question_for_a_measure_no_record_holds_finds_nothing(
    run: Run, measure: str, subject: str
) -> None:
    """The words around the thing asked for (China, 2020, the factory) are held by
    many records; none holds the thing itself, nor a close relation of it ('wage' is
    only loosely related to 'price'), so there is no answer."""
    assert ids(run, "what was " + subject.format(measure)) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what was the annual rise in China-ASEAN trade", "asean-trade-2020"),
        ("what was the growth of trade with belt and road countries", "br-trade-2020-growth"),
        ("what is the purpose of belt and road cooperation", "br-cooperation-drive"),
        ("what was the value of trade with asean", "asean-trade-2020"),
    ],
)
def test_a_what_question_for_what_a_record_holds_still_answers(
    run: Run, question: str, answer: str
) -> None:
    assert answer in ids(run, question)[:3]


# -- comparatives, and the year a change is measured against --------------------------------


@pytest.mark.parametrize(
    ("word", "adjective"),
    [("cheaper", "cheap"), ("cheapest", "cheap"), ("wider", "wide"), ("smarter", "smart")],
)
def test_a_comparative_wordnet_does_not_list_is_read_as_its_adjective(
    word: str, adjective: str
) -> None:
    assert english._entry(stem(word)) is None  # WordNet leaves it to its rules
    found = english.lookup(stem(word))
    assert found is not None and found.related[0] == adjective
    assert english.share(stem(word)) == english.share(adjective)


@pytest.mark.parametrize("word", ["miner", "leaders", "xyzzyer", "er", "ester"])
def test_only_an_adjective_s_comparative_is_read_so(word: str) -> None:
    found = english.lookup(stem(word))
    assert found is None or not found.related or found.related[0] != stem(word)[:-2]


def test_a_question_with_a_comparative_finds_what_the_adjective_finds(run: Run) -> None:
    assert "xidesheng-engine-advantages" in ids(run, "what made the bicycle engine cheaper")


@pytest.mark.parametrize(
    ("period", "basis", "years"),
    [
        ("2020", "year-on-year", {"2019"}),
        ("2020-H2", "same-period-previous-year", {"2019"}),
        ("2019-01/2020-06", "year-on-year", {"2018", "2019"}),
        ("2020", "unstated", set()),
        (None, "year-on-year", set()),
    ],
)
def test_a_change_is_compared_with_the_year_its_basis_says(
    period: str | None, basis: str, years: set[str]
) -> None:
    from brtrade.core.periods import compared_with

    assert compared_with(period, basis) == years


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how much did trade with asean grow compared with 2019", "asean-trade-2020"),
        ("by how much did belt and road commerce expand against 2019", "br-trade-2020-growth"),
        ("how did the bike maker's exports change from 2019", "xidesheng-exports-2020-h2"),
    ],
)
def test_a_change_year_on_year_answers_a_question_compared_with_the_year_before(
    run: Run, question: str, answer: str
) -> None:
    assert in_top_three(run, question, answer)


@pytest.mark.parametrize(
    "question",
    [
        "how much did ASEAN trade grow in 2019",
        "how much was trade with belt and road countries in 2019",
        "how many new routes did Yantian open in 2019",
        "what did the bicycle company export during 2019",
    ],
)
def test_a_year_a_change_is_only_measured_against_is_not_what_it_is_about(
    run: Run, question: str
) -> None:
    # a 2020 rise year on year is a rise from 2019, not a figure of 2019
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    "question",
    [
        "how did trade in 2020 compare with that of 2019",
        "was trade with asean higher than in 2019",
        "how did trade compare to 2019 levels",
        "how much has asean trade risen since 2019",
    ],
)
def test_every_way_of_comparing_with_a_year_finds_the_change_from_it(
    run: Run, question: str
) -> None:
    assert "asean-trade-2020" in ids(run, question)[:3]


@pytest.mark.parametrize(
    ("question", "compared"),
    [
        ("grew compared with 2019", True),
        ("rose from 2019", True),
        ("higher than in 2019", True),
        ("compared to the 2019 level", True),
        ("rose between 2019 and 2020", True),
        ("grew in 2019", False),
        ("traded during 2019", False),
        ("the 2019 total", False),
        ("from 11 routes", False),
    ],
)
def test_a_year_is_compared_with_only_after_a_word_of_comparison(
    question: str, compared: bool
) -> None:
    from brtrade.core.match import _compared_year
    from brtrade.core.text import words

    folded = words(question)
    at = next(i for i, w in enumerate(folded) if w[:2] in ("19", "20") or w == "11")
    assert _compared_year(folded, at) is compared


@pytest.mark.parametrize("year", ["2019", "2018"])
def test_a_year_no_change_is_measured_against_still_turns_a_question_away(
    run: Run, year: str
) -> None:
    assert ids(run, f"how much did China export to Brazil in {year}") == []
    assert ids(run, f"what was the trade surplus in {year}") == []


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("how much did trade with asean grow", None),
        ("how much did China invest in infrastructure", "invest"),  # an amount: kept
        ("how much business did China do", "business"),
    ],
)
def test_how_much_a_thing_grew_does_not_count_the_thing(question: str, head: str | None) -> None:
    from brtrade.core.asking import counted
    from brtrade.core.match import plan_query

    plan = plan_query(question, Vocabulary([]), question=True)
    assert [plan.groups[i].word for i in sorted(counted(plan))] == ([head] if head else [])


# -- people asked for by their body, their title or a compound ------------------------------


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("which university is Tu Xinquan from", True),
        ("what company is Li Xiangrong with", True),
        ("which ministry does Zhou Mi belong to", True),
        ("name the deputy director who was interviewed", True),
        ("identify the executive dean", True),
        ("the official who spoke about the pandemic", True),
        ("which company developed the smart engine", False),
        ("what does Li Xiangrong do at Xidesheng", True),
        ("what does the expert do for the institute", True),
        ("what good does diversifying trade do for the world economy", False),
        ("which institute studies trade", False),
        ("what business did China do with asean", False),
        ("what is CAITEC", True),  # a body, asked for by its name alone: its people
        ("what is the Ministry of Commerce", True),
        ("what is China's trade with ASEAN", False),
        ("what is the trade surplus", False),
    ],
)
def test_questions_about_people_by_their_body_or_title_are_told_apart(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("which university is Tu Xinquan from", "tu-xinquan"),
        ("what company is Li Xiangrong with", "li-xiangrong"),
        ("name the deputy director who was interviewed", "zhou-mi"),
        ("identify the executive dean", "tu-xinquan"),
        ("who was the spokesperson for the e-bike manufacturer", "li-xiangrong"),
        ("who is the deputy director", "zhou-mi"),
    ],
)
def test_a_person_asked_for_by_body_title_or_compound_comes_first(
    run: Run, question: str, speaker: str
) -> None:
    rows = json.loads(run("facts", question, "--json").stdout)
    assert (rows[0]["type"], rows[0]["id"]) == ("speaker", speaker)


def test_a_question_about_what_a_company_did_still_answers_with_claims(run: Run) -> None:
    rows = json.loads(run("facts", "which company developed the smart engine", "--json").stdout)
    assert rows and rows[0]["type"] == "claim"


@pytest.mark.parametrize(("word", "sibling"), [("hill", "mountain"), ("lorry", "van")])
def test_a_noun_is_loosely_related_to_the_other_kinds_of_its_broader_word(
    word: str, sibling: str
) -> None:
    found = english.lookup(stem(word))
    assert found is not None and stem(sibling) in found.loose


def test_a_question_about_hills_finds_the_engine_that_assists_on_mountain_roads(
    run: Run,
) -> None:
    assert ids(run, "can the smart motor help riders on hills")[:1] == ["bicycle-smart-engine"]


@pytest.mark.parametrize(("adverb", "relation"), [("steadily", "stable"), ("sharply", "acute")])
def test_an_adverb_takes_the_relations_of_its_adjective(adverb: str, relation: str) -> None:
    found = english.lookup(stem(adverb))
    assert found is not None and stem(relation) in (*found.related, *found.loose)


# -- names a question writes, and the fields bodies study ---------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("China Institute for WTO Studies under the University", ["WTO"]),
        (
            "Institute of American and Oceania Studies, Ministry of Commerce",
            ["American and Oceania"],
        ),
        (
            "a fellow of the Center for Strategic and International Studies",
            ["Strategic and International"],
        ),
        ("the Institute for Fiscal Studies", ["Fiscal"]),
        ("Council on Foreign Relations Research unit", ["Foreign Relations"]),
        ("the Ministry of Commerce", []),
        ("Bank of China", []),
        ("studies of trade show", []),  # not a body's name: lower case
    ],
)
def test_the_field_a_body_studies_is_told_from_its_name(text: str, spans: list[str]) -> None:
    assert studied_spans(text) == spans


@pytest.mark.parametrize("memory", [True, False], ids=["memory", "index"])
@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("what did the WTO say about China's trade in 2020", False),
        ("what did the WTO director general say", False),
        ("what do American officials say about the routes", False),
        ("WTO", True),  # a keyword search finds the dean of WTO studies
        ("what did the WTO expert say", True),
        ("what does the China Institute for WTO Studies say about diversification", True),
        ("what did the Oceania studies institute say", True),
    ],
)
def test_a_question_naming_what_a_body_studies_is_not_answered_by_the_body(
    run: Run, question: str, found: bool, memory: bool
) -> None:
    got = ids(run, question, memory=memory)
    experts = {"market-diversification-results", "diversification-benefits"}
    experts |= {"br-cooperation-resilient", "br-complementarity", "bri-significance"}
    assert bool(set(got) & experts) == found, got
    if not found:
        assert got == []


# -- why: an explanation is given in someone's words ---------------------------------------


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("why are the e-bike engines popular", True),
        ("How come trade with ASEAN rose?", True),
        ("for what reason did rail trade grow", True),
        ("what is the reason for the stable trade relations", True),
        ("what explains the growth of rail trade", True),
        ("what makes the bicycle engine", False),
        ("how much did rail trade grow", False),
        ("whyte", False),
    ],
)
def test_a_question_says_whether_it_asks_why(question: str, why: bool) -> None:
    from brtrade.core.language import asks_why

    assert asks_why([stem(w) for w in paraphrase.words(question)]) is why


def test_every_record_in_someone_s_words_and_no_other_holds_the_said_term() -> None:
    from brtrade.core.terms import SAID

    analyzer = Analyzer(BASE)
    for claim in BASE.claims:
        attributed = claim.speaker is not None or claim.quote is not None
        assert (SAID in analyzer.claim_tokens(claim)) is attributed, claim.id
    assert all(SAID in analyzer.quote_tokens(q) for q in BASE.quotes)
    assert 0 < sum(c.speaker is not None for c in BASE.claims) < len(BASE.claims)


@pytest.mark.parametrize(
    "question",
    [
        "why is the company's engine competitive",
        "why are the e-bike engines popular",
        "how come the bike engine is competitive",
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_why_question_puts_the_explanation_in_someone_s_words_first(
    run: Run, question: str, memory: bool
) -> None:
    """The reporter's narrative (a factory 'developed a smart engine') and the company's
    own words (its engine 'has advantages') match the question's words alike; an
    explanation is the second."""
    assert ids(run, question, memory=memory)[:1] == ["xidesheng-engine-advantages"]


@pytest.mark.parametrize("memory", [False, True])
def test_a_question_asking_what_was_said_puts_someone_s_words_first(run: Run, memory: bool) -> None:
    """'The factory's bikes can be exported soon' is the reporter's; the 30 % rise is the
    company secretary's."""
    question = "what did the bicycle company say about its exports"
    assert ids(run, question, memory=memory)[:1] == ["xidesheng-exports-2020-h2"]


@pytest.mark.parametrize(
    "question", ["why did exports to Africa fall", "why did trade with Brazil shrink"]
)
def test_asking_why_never_makes_an_answer(run: Run, question: str) -> None:
    """The reason cue adds points to answers; it is not a word an answer must match."""
    assert run("facts", question, "--json").exit_code == ExitCode.NO_MATCH


# -- what was spoken of -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("what did Tu Xinquan say about the US trade war", "war"),
        ("what did Tu Xinquan say about tariffs on Chinese goods", "tariffs"),
        ("what did Zhou Mi say about China's strategy", "strategy"),
        ("what did Li Xiangrong say about exports", "exports"),
        ("what did Zhou Mi say about belt and road cooperation", "cooperation"),
        ("what did Tu Xinquan think of market diversification", "diversification"),
        ("what has the ministry commented on", None),
        ("what did Zhou Mi say", None),
        ("how much did trade grow", None),
    ],
)
def test_what_a_question_says_was_spoken_of(question: str, head: str | None) -> None:
    assert picked(question, asking.spoken_about) == ([head] if head else [])


@pytest.mark.parametrize(
    ("question", "heads"),
    [
        ("what did Li Xiangrong say about the price of steel", ["price", "steel"]),
        ("what did Zhou Mi say about the impact of the pandemic", ["impact", "pandemic"]),
        ("what did Tu Xinquan say about the results of China's strategy", ["results", "strategy"]),
        ("what did Zhou Mi say about the role of 2020", ["role"]),  # a number is no thing
    ],
)
def test_what_the_thing_spoken_of_is_of_is_spoken_of_too(question: str, heads: list[str]) -> None:
    assert picked(question, asking.spoken_about) == heads


@pytest.mark.parametrize(
    "question",
    [
        "what did Tu Xinquan say about the trade war",
        "what did Zhou Mi say about tariffs",
        "what did Zhou Mi say about inflation",
        "what did Li Xiangrong say about the price of steel",  # not the engine's price
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_speaker_s_words_on_something_else_are_no_answer(
    run: Run, question: str, memory: bool
) -> None:
    """The speaker and 'trade' match; what was spoken of does not."""
    assert finds_nothing(run, question, memory)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what did Tu Xinquan say about diversification", "market-diversification-results"),
        ("what did Zhou Mi say about the coronavirus", "br-cooperation-resilient"),
        ("what did Li Xiangrong say about sales", "xidesheng-exports-2020-h2"),
        ("what did Zhou Mi say about the impact of the pandemic", "br-cooperation-resilient"),
    ],
)
def test_what_was_spoken_of_may_be_said_in_related_words(
    run: Run, question: str, answer: str
) -> None:
    assert ids(run, question)[:1] == [answer]


# -- when something happened ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("when was the Xidesheng company founded", "founded"),
        ("when did the Belt and Road Initiative start", "start"),
        ("when will the new routes open", "open"),
        ("when were the 11 routes launched", "launched"),
        ("when did ASEAN become China's largest trading partner", None),
        ("what began in 2020", None),
        ("how did the routes start", None),
        # whether it happened
        ("did the pandemic close Yantian port", "close"),
        ("has China signed new trade deals with ASEAN", "signed"),
        ("did Yantian open new routes in 2020", "open"),
        ("did the factory create a smart engine", None),  # a verb of making: 'developed'
        ("did China build closer ties with belt and road countries", None),
        ("did trade begin to recover", None),
        ("is Yantian the biggest port", None),
    ],
)
def test_what_a_question_says_happened(question: str, event: str | None) -> None:
    assert picked(question, asking.event_of) == ([event] if event else [])


@pytest.mark.parametrize(
    "question",
    [
        "when was the Xidesheng company founded",
        "when was the Belt and Road Initiative established",
        "when did the China Institute for WTO Studies open",
        # whether it happened, as when
        "did the pandemic close Yantian port",
        "did ASEAN sign a deal with China",
        "did Yantian close any routes in 2020",
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_an_event_no_record_tells_finds_nothing(run: Run, question: str, memory: bool) -> None:
    """The company, the initiative, the port and ASEAN match; no record says they were
    founded, closed or signed anything."""
    assert finds_nothing(run, question, memory)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("when were the new routes launched", "yantian-port-new-routes-2020"),
        ("when did the new Yantian routes start operating", "yantian-port-new-routes-2020"),
        ("did Yantian open new routes in 2020", "yantian-port-new-routes-2020"),
        ("did the port launch routes to Indonesia", "yantian-port-new-routes-2020"),
        ("did the factory create a smart engine", "bicycle-smart-engine"),
        # what the event happened to ends at a preposition: the routes, not ASEAN,
        # whose members the record names
        ("did Yantian launch routes to ASEAN members", "yantian-port-new-routes-2020"),
        ("when did China launch routes to ASEAN members", "yantian-port-new-routes-2020"),
        ("did Yantian open routes to southeast asian countries", "yantian-port-new-routes-2020"),
    ],
)
def test_the_record_that_tells_the_event_answers(run: Run, question: str, answer: str) -> None:
    assert ids(run, question)[:1] == [answer]


# -- a title someone serves is not their own ----------------------------------------------


@pytest.mark.parametrize(
    ("role", "split"),
    [
        ("secretary to the board chairman", ("secretary", ["the board chairman"])),
        ("Adviser To the Minister", ("Adviser", ["the Minister"])),
        ("executive dean", ("executive dean", [])),
        ("Deputy Director", ("Deputy Director", [])),
        ("", ("", [])),
        (None, ("", [])),
    ],
)
def test_a_role_is_split_into_its_title_and_the_title_it_serves(
    role: str | None, split: tuple[str, list[str]]
) -> None:
    from brtrade.core.terms import split_role

    assert split_role(role) == split


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("who is the chairman of the bicycle company", "chairman"),
        ("who is the board secretary at Xidesheng", "secretary"),
        ("who is the deputy director quoted in the article", "deputy director"),
        ("who was the executive dean", "dean"),
        ("who said trade rose", None),
        ("what is the chairman's name", None),
    ],
)
def test_the_title_a_who_question_asks_the_holder_of(question: str, title: str | None) -> None:
    assert picked(question, asking.who_title) == ([title] if title else [])


@pytest.mark.parametrize(
    "question", ["who is the chairman of Xidesheng", "who was the board chairman of the bike firm"]
)
@pytest.mark.parametrize("memory", [False, True])
def test_the_secretary_to_the_chairman_is_not_the_chairman(
    run: Run, question: str, memory: bool
) -> None:
    assert finds_nothing(run, question, memory)


@pytest.mark.parametrize(
    "question",
    ["who is the secretary to the chairman of Xidesheng", "who is the board secretary of the firm"],
)
def test_the_secretary_is_still_the_secretary(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["li-xiangrong"]


def test_the_title_served_is_still_searched_and_explained(run: Run) -> None:
    result = run("facts", "board chairman", "--explain", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records and all(r["speaker"]["id"] == "li-xiangrong" for r in records)
    fields = {m["field"] for r in records for m in r["explain"]["matched"]}
    assert "served" in fields


# -- a count counts something -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("how many new shipping routes opened at Yantian in 2020", "shipping routes"),
        ("how many countries are along the belt and road", "countries"),
        ("how many sea lanes were launched", "lanes"),
        ("how many direct shipping services did Yantian add", "services"),
        ("the number of new routes", "routes"),
        ("how fast did trade grow", None),
    ],
)
def test_what_a_how_many_question_counts(question: str, what: str | None) -> None:
    assert picked(question, asking.tallied) == ([what] if what else [])


def test_a_count_s_record_holds_what_it_counts() -> None:
    from brtrade.core.terms import COUNTS

    analyzer = Analyzer(BASE)
    for claim in BASE.claims:
        counted = {t for t in analyzer.claim_tokens(claim) if t.startswith(COUNTS)}
        counts = [f for f in claim.figures if f.kind == "count"]
        assert bool(counted) is bool(counts), claim.id
    routes = next(c for c in BASE.claims if c.id == "yantian-port-new-routes-2020")
    assert COUNTS + stem("routes") in analyzer.claim_tokens(routes)


@pytest.mark.parametrize(
    "question", ["how many countries are along the belt and road", "how many ports opened in 2020"]
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_count_of_something_else_is_no_answer(run: Run, question: str, memory: bool) -> None:
    """The routes' record names countries and opening; its count is of routes."""
    assert finds_nothing(run, question, memory)


@pytest.mark.parametrize(
    "question",
    [
        "how many shipping lines did Yantian add in 2020",
        "how many sea lanes were launched",
        "how many new international routes started in 2020",
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_count_of_what_is_asked_answers_in_other_words(
    run: Run, question: str, memory: bool
) -> None:
    assert ids(run, question, memory=memory)[:1] == ["yantian-port-new-routes-2020"]


# -- numbers in words, percent changes, a counted word of a name ----------------------------


@pytest.mark.parametrize(
    "question", ["where do the eleven new sea routes go", "eleven new routes", "Eleven routes"]
)
def test_a_small_number_in_words_is_the_number(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["yantian-port-new-routes-2020"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what was the percentage gain in trade with ASEAN", "change"),
        ("what was the percent increase in rail trade", "change"),
        ("what percentage of trade went to belt and road countries", "share"),
    ],
)
def test_a_percentage_before_a_change_asks_for_a_change(question: str, kind: str) -> None:
    from brtrade.core.language import asked_kind

    assert asked_kind([stem(w) for w in paraphrase.words(question)]) == kind


def test_a_percentage_gain_finds_the_rise(run: Run) -> None:
    question = "what was the percentage gain in China's trade with southeast asian countries"
    assert ids(run, question)[:1] == ["asean-trade-2020"]


@pytest.mark.parametrize("memory", [False, True])
def test_what_is_counted_is_widened_when_the_base_holds_it_only_in_a_name(
    run: Run, memory: bool
) -> None:
    """'Commerce' is in the base only as the Ministry of Commerce: 'how much commerce' is
    the article's trade."""
    question = "how much commerce flowed between China and the belt and road region"
    assert ids(run, question, memory=memory)[:1] == ["br-trade-2020-growth"]
    assert run("facts", "how much commerce did China do with Brazil").exit_code == 1


# -- what a person said is someone's words ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "someone"),
    [
        ("what did the president of Indonesia say", True),
        ("what did Tu Xinquan say about trade", True),
        ("what did the expert tell reporters", True),
        ("what did ASEAN say about trade", True),
        ("what did the bicycle company say about its exports", False),
        ("what does the data say about rail trade", False),
        ("how much did trade grow", False),
    ],
)
def test_a_question_says_whether_someone_is_asked_what_they_said(
    question: str, someone: bool
) -> None:
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    assert (asking.said_by_someone(question, plan) is not None) is someone


@pytest.mark.parametrize(
    "question", ["what did the president of Indonesia say", "what did ASEAN say about trade"]
)
@pytest.mark.parametrize("memory", [False, True])
def test_the_narrative_is_no_one_s_words(run: Run, question: str, memory: bool) -> None:
    """The routes' record names Indonesia; ASEAN's records are about trade; no one in
    them said anything."""
    assert finds_nothing(run, question, memory)


def test_a_speaker_s_words_still_answer_what_the_speaker_said(run: Run) -> None:
    found = ids(run, "what did Tu Xinquan say about diversification")
    assert found[:1] == ["market-diversification-results"]


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("who is the MOFCOM expert", "zhou-mi"),
        ("who is the expert from CAITEC", "zhou-mi"),
        ("who is the UIBE dean", "tu-xinquan"),
        ("which person from the bike maker was quoted", "li-xiangrong"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_person_asked_for_by_an_acronym_of_a_body_their_organisation_names(
    run: Run, question: str, speaker: str, memory: bool
) -> None:
    """Zhou Mi's organisation names the Chinese Academy of International Trade and
    Economic Cooperation and the Ministry of Commerce; their aliases are his bodies'."""
    assert ids(run, question, memory=memory)[:1] == [speaker]


def test_a_body_s_aliases_by_its_name() -> None:
    from brtrade.core.people import body_aliases

    found = body_aliases([(e.id, e.name, e.aliases) for e in BASE.entities])
    assert "MOFCOM" in found["ministry of commerce"]
    assert all(aliases for aliases in found.values())


# -- a title heading the phrase; the article itself -----------------------------------


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("which executive dean commented on the strategy", True),
        ("which board secretary talked about exports", True),
        ("what deputy director was interviewed", True),
        ("which senior economist was cited", True),
        ("what did the director say about the pandemic", False),  # what was said
        ("what chief concern did the dean raise", False),  # 'concern' heads it
        ("what official data showed growth", False),
    ],
)
def test_a_title_or_person_word_heading_the_opening_phrase_asks_for_a_person(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("which executive dean commented on China's trade strategy", "tu-xinquan"),
        ("which secretary talked about bike exports", "li-xiangrong"),
        ("which deputy director discussed the pandemic", "zhou-mi"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_person_asked_for_by_title_and_what_they_spoke_of(
    run: Run, question: str, speaker: str, memory: bool
) -> None:
    assert ids(run, question, memory=memory)[:1] == [speaker]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("who is the ministry of commerce researcher in the story", "zhou-mi"),
        ("which expert from the university is quoted in this article", "tu-xinquan"),
        ("what does the article say about rail trade", "br-rail-trade-growth"),
        ("which port is mentioned in the report", "yantian-port-most-routes"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_words_for_the_article_itself_are_not_asked_for(
    run: Run, question: str, first: str, memory: bool
) -> None:
    """'In the story' says where to look: no record need hold 'story'."""
    assert ids(run, question, memory=memory)[:1] == [first]


def test_a_source_noun_is_asked_for_without_a_determiner_or_in_a_keyword_search() -> None:
    vocabulary = Analyzer(BASE).vocabulary
    asked = match.plan_query("which news agency reported it", vocabulary, question=True)
    assert any(g.word == "news" and g.required for g in asked.groups)
    keywords = match.plan_query("the story", vocabulary)
    assert any(g.word == "story" and g.required for g in keywords.groups)
    question = match.plan_query("which port is in the story", vocabulary, question=True)
    assert not any(g.word == "story" and g.required for g in question.groups)


# -- relations read from the base's side ----------------------------------------------


def test_a_relation_the_table_writes_on_the_base_word_s_side_is_read_back() -> None:
    """'pedal' lists 'rider', 'rider' does not list 'pedal': the base's word relates."""
    from brtrade.core.memory import Searcher

    searcher = Searcher(BASE)
    assert stem("pedal") not in english.related(stem("rider"))[0]
    assert stem("rider") in english.related(stem("pedal"))[0]
    assert stem("pedal") in paraphrase.relating(stem("rider"), searcher.lexicon)
    assert paraphrase.relating(stem("cyclist"), searcher.lexicon)  # 'bicycle' names it
    assert paraphrase.relating(stem("tariff"), searcher.lexicon) == ()


def test_a_relation_is_read_back_only_for_a_word_nothing_else_widens() -> None:
    """'riders' (no record holds it or its own relations) is read back to 'pedal';
    'hills', whose own relations some record holds, keeps them."""
    from brtrade.core.engine import weighed_for
    from brtrade.core.memory import Searcher
    from brtrade.core.query import Query

    searcher = Searcher(BASE)
    question = "how does the motor help riders on hills"
    weighed = weighed_for(
        searcher.store("claim"), Query(words=tuple(question.split()), text=question)
    )
    groups = {g.word: g for g in weighed.plan.groups}
    assert groups["riders"].related == paraphrase.relating(stem("rider"), searcher.lexicon)
    assert groups["hills"].related == english.related(stem("hill"))[0]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("how does the motor help riders on hills", "bicycle-smart-engine"),
        ("what help do cyclists get from the engine", "bicycle-smart-engine"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_question_in_words_only_the_base_s_words_relate_to(
    run: Run, question: str, first: str, memory: bool
) -> None:
    assert ids(run, question, memory=memory)[:1] == [first]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what was the value of trade with Singapore", None),  # the routes' record
        ("what is the annual capacity of the port", None),
        ("how much did China export to Indonesia in 2020", None),
        ("what was the value of trade with ASEAN", "asean-trade-2020"),
        ("how much did trade with belt and road countries amount to", "br-trade-2020-total"),
        ("how much has the pandemic hurt belt and road trade", "br-cooperation-resilient"),
        ("how much were Xidesheng's exports up", "xidesheng-exports-2020-h2"),
        ("how big is the Xidesheng factory", None),
        ("how heavy is the smart engine", None),
        ("how much does the smart engine weigh", None),
        ("what is the population of ASEAN", None),  # its trade is an amount, no population
        ("what was the cost of the smart engine", None),
        ("what is the size of trade with ASEAN", "asean-trade-2020"),  # any amount's
        ("what was the trade balance with belt and road countries", None),
        ("how big was trade with belt and road countries", "br-trade-2020-total"),
        ("how big was the rise in rail trade", "br-rail-trade-growth"),
        ("how large was the increase in Xidesheng's exports", "xidesheng-exports-2020-h2"),
        ("what revenue did the bicycle firm earn in 2020", None),  # no record says revenue
        ("what salary does Tu Xinquan earn", None),  # ... nor his pay: not his words
        ("what profit did Xidesheng make in 2020", None),
        ("what dividends did Xidesheng pay", None),
        ("what value did trade with ASEAN reach", "asean-trade-2020"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_sum_asked_for_is_answered_only_by_an_amount(
    run: Run, question: str, first: str | None, memory: bool
) -> None:
    if first is None:
        assert finds_nothing(run, question, memory=memory)
    else:
        assert ids(run, question, memory=memory)[:1] == [first]


# -- a bloc's members after its name --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "members"),
    [
        ("what share went to Belt and Road economies", ["economies"]),
        ("how did ASEAN members trade", ["members"]),
        ("what did southeast asian nations buy", ["nations"]),
        ("what makes the economies of China fit", []),  # after 'the', no name
        ("who are China's trading partners", []),  # 'trading': the editors' word
        ("which route countries are linked", []),  # 'route': a word of a name, no name
        ("how many countries", []),
    ],
)
def test_the_word_for_a_bloc_s_members_after_its_name(question: str, members: list[str]) -> None:
    from brtrade.core.memory import Searcher

    in_names = Searcher(BASE).name_words()
    assert picked(question, lambda plan: paraphrase.members_of_a_name(plan, in_names)) == members


@pytest.mark.parametrize("memory", [False, True])
def test_a_bloc_named_with_its_members_is_the_bloc(run: Run, memory: bool) -> None:
    """Without the rule, 'economies' (held by five records, not the share's) sank it."""
    question = "what percent of the country's overall trade went to belt and road economies"
    assert "br-trade-2020-share" in ids(run, question, memory=memory)[:3]


# -- who said it: the words before the verb of speech, what was said after it --------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("who talked about market diversification", "about market diversification"),
        ("which academic commented on market diversification", "on market diversification"),
        ("who is the executive dean quoted on diversification", "on diversification"),
        ("who is the deputy director quoted in the report", None),  # who, and where
        ("who was quoted in this story", None),
    ],
)
def test_what_was_said_follows_the_verb_of_speech(question: str, topic: str | None) -> None:
    from brtrade.core.people import said_about

    assert said_about(question) == topic


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        # 'market' is no word of who the speaker is: both are experts, the dean said it
        ("which academic commented on market diversification", "tu-xinquan"),
        ("who is the deputy director quoted in the report", "zhou-mi"),
        ("who is the Xidesheng representative", "li-xiangrong"),  # no one's title
        (
            "which Chinese Academy of International Trade and Economic Cooperation official"
            " was quoted",
            "zhou-mi",
        ),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_who_said_it_is_told_by_the_words_for_the_person(
    run: Run, question: str, speaker: str, memory: bool
) -> None:
    assert ids(run, question, memory=memory)[:1] == [speaker]


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("which Chinese Academy of International Trade official was quoted", True),
        ("which University of International Business and Economics dean is cited", True),
        ("what did the director say about the pandemic", False),
        ("which part of the trade was rail", False),
    ],
)
def test_a_word_for_a_person_after_a_long_name_asks_for_the_person(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("what is the population of ASEAN", "population"),
        ("what was the container throughput of Yantian port", "throughput"),
        ("what is the price of the e-bike", "price"),
        ("what was the value of trade with ASEAN", None),  # any amount is a value
        ("what is the size of trade", None),
        ("how big is the population", "population"),  # 'how big' asks it as 'what' does
        ("how big is China", None),
        ("what was the trade surplus", "surplus"),  # at the end, before the kind's group
        ("what revenue did the bicycle firm earn in 2020", "revenue"),  # 'what MEASURE did'
        ("what salary does Tu Xinquan earn", "salary"),
        ("what annual profit did Xidesheng make", "profit"),
        ("how much profit did Xidesheng make", "profit"),
        ("what tariffs did China cut in 2020", "tariffs"),
        ("what value did trade with ASEAN reach", None),  # any amount is a value
        ("what gadget did the bicycle factory invent", None),  # a thing, not a measure
        ("what price rises did the firm see", None),  # the measure is not what is asked
    ],
)
def test_a_measure_of_its_own_is_what_every_answer_must_name(
    question: str, measure: str | None
) -> None:
    assert picked(question, asking.measured) == ([measure] if measure else [])


# -- a question asking when needs a record that says when ------------------------------


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Trade rose 1 percent in 2020.", True),
        ("In the second half of the year, exports rose.", True),
        ("The bikes can soon be exported.", True),
        ("It is of great significance to foreign trade.", False),
        ("A bicycle factory developed a smart engine.", False),
    ],
)
def test_a_text_says_when(text: str, when: bool) -> None:
    from brtrade.core.language import says_when

    assert says_when(text) is when


def test_every_record_with_a_period_or_a_time_holds_the_when_term() -> None:
    from brtrade.core.language import says_when
    from brtrade.core.terms import TIMED

    analyzer = Analyzer(BASE)
    for claim in BASE.claims:
        timed = claim.period is not None or says_when(claim.statement, claim.provenance.evidence)
        assert (TIMED in analyzer.claim_tokens(claim)) is timed, claim.id
    (significance,) = [c for c in BASE.claims if c.id == "bri-significance"]
    assert TIMED not in analyzer.claim_tokens(significance)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("when was the institute founded", None),  # no record says when of it
        ("when did China and the belt and road countries become complementary", None),
        ("when will the bikes be shipped overseas", "bicycle-export-soon"),  # 'soon'
        ("when did ASEAN become China's largest trading partner", "asean-largest-partner-2020"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_question_asking_when_is_answered_only_by_a_record_that_says_when(
    run: Run, question: str, first: str | None, memory: bool
) -> None:
    if first is None:
        assert finds_nothing(run, question, memory=memory)
    else:
        assert ids(run, question, memory=memory)[:1] == [first]


def test_a_name_english_knows_first_as_a_name_is_no_common_noun_to_widen(run: Run) -> None:
    """'china' typed in lower case is China before it is porcelain: a word of the base's
    names that English knows first as a name is asked for as it is."""
    assert not english.common_noun(stem("china")) and english.common_noun(stem("nation"))
    result = run("facts", "which partner overtook all others for china in 2020")
    assert "'china'" not in result.stderr


@pytest.mark.parametrize(
    ("word", "noun"), [("overtook", False), ("rode", False), ("worse", False), ("geese", True)]
)
def test_an_irregular_form_is_of_its_lemma_s_part_of_speech(word: str, noun: bool) -> None:
    """WordNet's exception lists give 'overtook' for 'overtake': a verb's form weighs as
    a verb (how a thing is asked), not as a noun unknown to English."""
    found = english.lookup(stem(word))
    assert found is not None and found.noun is noun


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what is notable about yantian port", "yantian-port-most-routes"),
        ("what is special about the xidesheng engine", "xidesheng-engine-advantages"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_what_is_so_about_x_asks_about_x(run: Run, question: str, first: str, memory: bool) -> None:
    """'What is **notable** about the port' asks about the port: 'notable' is how it is
    asked, not a thing every answer must name."""
    assert ids(run, question, memory=memory)[:1] == [first]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what was the growth of trade with Indonesia", None),  # the routes name Indonesia
        ("what was the growth in China's exports to Singapore", None),
        ("what was the growth of trade with ASEAN", "asean-trade-2020"),
        ("what was the rise in rail trade", "br-rail-trade-growth"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_change_asked_for_by_its_noun_is_answered_only_by_a_change(
    run: Run, question: str, first: str | None, memory: bool
) -> None:
    if first is None:
        assert finds_nothing(run, question, memory=memory)
    else:
        assert ids(run, question, memory=memory)[:1] == [first]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what was China's belt and road trade in renminbi", "br-trade-2020-total"),
        ("what was ASEAN trade in RMB", "asean-trade-2020"),
        ("how much is the belt and road trade worth in American dollars", "br-trade-2020-total"),
    ],
)
@pytest.mark.parametrize("memory", [False, True])
def test_a_currency_by_any_of_its_names(run: Run, question: str, first: str, memory: bool) -> None:
    """'Renminbi' is the article's yuan; 'American' before 'dollars' names the currency
    (the base holds 'American' only in the name of Zhou Mi's institute)."""
    assert ids(run, question, memory=memory)[:1] == [first]


def test_the_names_of_a_currency_are_one_group() -> None:
    plan = match.plan_query("trade in renminbi", Analyzer(BASE).vocabulary, question=True)
    (group,) = [g for g in plan.groups if g.word == "renminbi"]
    assert stem("yuan") in group.exact and "rmb" in group.exact
    plan = match.plan_query("worth in US dollars", Analyzer(BASE).vocabulary, question=True)
    assert not [g for g in plan.groups if g.word == "us" and g.required]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what was the trend in trade with ASEAN last year", "asean-trade-2020"),
        ("what was the trend in rail trade", "br-rail-trade-growth"),
    ],
)
def test_a_trend_asks_for_a_change(run: Run, question: str, first: str) -> None:
    assert ids(run, question)[:1] == [first]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what is Zhou Mi's assessment", "bri-significance"),
        ("what was Li Xiangrong's main point", "xidesheng-engine-advantages"),
        ("what is Zhou Mi's take on the pandemic", "br-cooperation-resilient"),
        ("what was Tu Xinquan's argument", "market-diversification-results"),
        ("what is Zhou Mi's explanation for the resilience", "br-cooperation-resilient"),
        ("what view did Zhou Mi express", "br-complementarity"),
        ("what was the dean's verdict on diversification", "market-diversification-results"),
    ],
)
def test_a_noun_for_someone_s_words_asks_for_them_as_a_verb_of_speech_does(
    run: Run, question: str, answer: str
) -> None:
    assert in_top_three(run, question, answer)


def test_a_noun_for_someone_s_words_still_needs_what_they_spoke_of(run: Run) -> None:
    # no one in the article spoke of tariffs
    assert ids(run, "what is Zhou Mi's view on tariffs") == []
    assert ids(run, "what was Li Xiangrong's assessment of the housing market") == []


@pytest.mark.parametrize(
    ("question", "speaks"),
    [
        ("what is Zhou Mi's assessment", True),
        ("what was the dean's main point", True),
        ("what view did Tu express", True),
        ("what did Tu say", True),
        ("what is the view from the port", False),
        ("what point did trade reach", False),
        ("which opinion did the dean voice", True),
        ("what is Tu Xinquan's position", False),  # a role: a question about the person
    ],
)
def test_an_opinion_noun_speaks_only_after_a_possessor_or_as_what_view_did(
    question: str, speaks: bool
) -> None:
    from brtrade.core.language import speaks as speaks_at
    from brtrade.core.text import words

    found = words(question)
    assert any(speaks_at(found, i) for i in range(len(found))) is speaks


@pytest.mark.parametrize(
    "question",
    [
        "what is Li Xiangrong's age",
        "what is Zhou Mi's nationality",
        "what is Li Xiangrong's annual salary",
        "what was Tu Xinquan's birthplace",
    ],
)
def test_what_someone_has_is_not_answered_by_their_words_on_something_else(
    run: Run, question: str
) -> None:
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what is Li Xiangrong's company", "xidesheng-engine-advantages"),  # his words say it
        ("what is Zhou Mi's job", "zhou-mi"),
        ("what is China's trade with ASEAN", "asean-trade-2020"),  # no one's words
    ],
)
def test_what_someone_has_is_answered_where_it_is_said(
    run: Run, question: str, answer: str
) -> None:
    assert answer in ids(run, question)[:3]


@pytest.mark.parametrize(
    ("question", "owned"),
    [
        ("what is Li Xiangrong's age", ("xiangrong", "age")),
        ("what is Li Xiangrong's annual income", ("xiangrong", "income")),
        ("what is Xidesheng's flagship product", ("xidesheng", "product")),
        ("what is the trade surplus", None),
        ("what is Tu Xinquan's view", None),  # a noun for his words: not a thing he has
    ],
)
def test_a_thing_asked_for_after_a_possessive_has_its_possessor(
    question: str, owned: tuple[str, str] | None
) -> None:
    from brtrade.core.asking import asked_for, possessed
    from brtrade.core.match import plan_query
    from brtrade.core.terms import Vocabulary

    plan = plan_query(question, Vocabulary(()), question=True)
    found = possessed(plan, asked_for(plan))
    assert (None if found is None else tuple(plan.groups[k].word for k in found)) == owned


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what are the selling points of Xidesheng's engine", "xidesheng-engine-advantages"),
        ("what are the strengths of the smart engine", "xidesheng-engine-advantages"),
    ],
)
def test_a_plural_in_a_noun_phrase_does_not_end_it(run: Run, question: str, answer: str) -> None:
    """'points' is a verb's form too; after 'the selling' it is the noun that heads the
    phrase (whose 'of' then says it is the question's form), not a verb ending it."""
    assert in_top_three(run, question, answer)


# -- two words that make one noun ----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        ("exchange", "rate", True),
        ("stock", "market", True),
        ("interest", "rate", True),
        ("selling", "point", True),
        ("growth", "rate", True),
        ("rate", "exchange", False),  # in that order only
        ("bicycle", "factory", False),
        ("new", "york", False),  # a name, not a noun of two common words
    ],
)
def test_the_table_knows_the_nouns_of_two_common_words(first: str, second: str, one: bool) -> None:
    assert english.compound(stem(first), stem(second)) is one


@pytest.mark.parametrize(
    "question",
    [
        "what is the exchange rate of the yuan",
        "what is the yuan dollar exchange rate forecast",
        "how did the stock market react",
        "how did the stock market in Shenzhen do",
        "what did Tu Xinquan say about interest rates",
    ],
)
def test_a_compound_noun_the_base_cannot_hold_is_not_widened_word_by_word(
    run: Run, question: str
) -> None:
    """No record holds 'exchange' or 'stock': an exchange rate is not trade and a rate,
    nor a stock market a market, so nothing answers."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what was the growth rate of belt and road trade", "br-trade-2020-growth"),
        ("what are the trade routes to Singapore", "yantian-port-new-routes-2020"),
    ],
)
def test_a_compound_whose_first_word_the_base_holds_is_read_word_by_word(
    run: Run, question: str, answer: str
) -> None:
    assert in_top_three(run, question, answer)


# -- the names a question writes rank its answers ------------------------------------------


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("how big was trade with belt and road nations", ["belt and road"]),
        ("what was the total of ASEAN trade in yuan", ["asean"]),
        ("which port in Shenzhen has the most routes", ["shenzhen"]),
        ("what does the bicycle factory near the port make", []),  # words, not names
    ],
)
def test_the_scope_of_a_question_is_the_base_names_it_writes(
    question: str, names: list[str]
) -> None:
    from brtrade.core.memory import Searcher

    in_names = Searcher(BASE).name_words()
    assert picked(question, lambda plan: paraphrase.scope(plan, in_names)) == names


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # ASEAN's record holds 'totalled' and 'trade volume'; only the total names the
        # Belt and Road
        (
            "what was the total value of China's belt and road trade in 2020 in yuan",
            "br-trade-2020-total",
        ),
        (
            "what was the total worth of China's dealings with belt and road economies in 2020",
            "br-trade-2020-total",
        ),
        ("what was the total of ASEAN trade in yuan", "asean-trade-2020"),
    ],
)
def test_an_answer_naming_what_the_question_names_ranks_first(
    run: Run, question: str, first: str
) -> None:
    for memory in (False, True):
        assert ids(run, question, memory=memory)[:1] == [first]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how did rail freight fare last year", "br-rail-trade-growth"),
        ("how did the bike firm fare abroad in late 2020", "xidesheng-exports-2020-h2"),
        ("how did belt and road cooperation cope with the pandemic", "br-cooperation-resilient"),
    ],
)
def test_a_verb_asking_how_something_went_is_the_question_form(
    run: Run, question: str, answer: str
) -> None:
    """'fare' is mostly a noun in English (a bus fare), which no record holds: in 'how
    did X fare' it asks how X went, as 'do' and 'go' do."""
    assert in_top_three(run, question, answer)


@pytest.mark.parametrize("topic", ["the belt and road", "ASEAN trade", "the pandemic"])
def test_tell_me_about_a_thing_asks_for_it_not_for_who_told_of_it(run: Run, topic: str) -> None:
    """'tell' is a verb of speech, but 'tell me about the belt and road' asks for the
    claims, not for the speakers who spoke of it."""
    for memory in (False, True):
        rows = json.loads(
            run(
                *(["--no-cache"] if memory else []), "facts", f"tell me about {topic}", "--json"
            ).stdout
        )
        assert rows and rows[0]["type"] == "claim"


def test_tell_me_who_talked_about_a_thing_asks_for_the_speaker(run: Run) -> None:
    assert ids(run, "tell me who talked about the pandemic")[:1] == ["zhou-mi"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what led to the resilience of belt and road cooperation", "br-cooperation-resilient"),
        ("what is driving the engine's popularity", "xidesheng-engine-advantages"),
        ("what drove Xidesheng's exports", "xidesheng-exports-2020-h2"),
    ],
)
def test_what_drove_or_led_to_something_asks_why(run: Run, question: str, answer: str) -> None:
    """'what led to', 'what drove', 'what caused' ask for a reason, as 'why' does; their
    words are the question's form ('led' is not the editors' 'leading', the largest)."""
    assert in_top_three(run, question, answer)
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    assert any(g.word == "(reason)" for g in plan.groups)
    assert not any(g.required and g.word in ("led", "to", "driving", "drove") for g in plan.groups)


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("is Zhou Mi an economist", "zhou-mi"),
        ("was Li Xiangrong a spokesman", "li-xiangrong"),
        ("what is the Xidesheng secretary's name", "li-xiangrong"),
        ("what is the WTO dean's name", "tu-xinquan"),
    ],
)
def test_a_yes_no_question_of_a_role_or_a_title_s_name_answers_with_the_speaker(
    run: Run, question: str, speaker: str
) -> None:
    assert ids(run, question)[:1] == [speaker]
    assert ids(run, question, memory=True)[:1] == [speaker]


@pytest.mark.parametrize("question", ["how fast is the smart bike", "how fast are the bikes"])
def test_how_fast_a_thing_is_asks_for_its_speed_not_a_change(run: Run, question: str) -> None:
    """No record gives a speed: the exports' 30 % rise is no answer."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("text", "goods"),
    [
        ("what were China's imports of oil in 2020", ["oil"]),
        ("how much did car exports grow", ["car"]),
        ("China's services trade rose", ["services"]),
        ("how much did ASEAN trade grow", []),  # a name
        ("overall trade and foreign trade", []),  # how much, how
        ("goods trade and rail cargo trade", ["rail"]),  # cargo: no more than trade; rail: how
        ("is spreading trade across markets working", []),  # how it goes
        ("how much did trade by sea grow", ["sea"]),  # how it is carried
        ("how much did air freight grow", ["air"]),
        ("trade by train rose", ["train"]),  # the base holds it: a question then finds it
        ("how much did exports of electric cars rise", ["cars"]),  # after its adjective
        ("imports of crude oil", ["oil"]),
        ("how much did exports of the bicycle company grow", []),  # whose, not what
        ("how much trade went by sea", ["sea"]),  # how it went, after its verb
        ("exports carried by road", ["road"]),
        ("trade that went by air", ["air"]),
        ("trade grew by 7 percent", []),  # by how much
        ("trade was hit by the pandemic", []),
    ],
)
def test_what_a_text_says_is_traded(text: str, goods: list[str]) -> None:
    assert traded_goods(text) == goods


@pytest.mark.parametrize(
    "question",
    [
        "what were China's imports of oil in 2020",
        "how much did car exports grow",
        "how much did China's soybean imports rise",
        "how much did exports of electric cars rise",
    ],
)
def test_goods_no_record_holds_are_asked_for_themselves(run: Run, question: str) -> None:
    """The base trades no oil: 'imports of oil in 2020' is not answered by the 2020
    trade totals, which hold 'imports', 'China' and '2020'."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


def test_goods_the_base_holds_or_no_more_than_trade_still_answer(run: Run) -> None:
    assert in_top_three(run, "how much did rail cargo trade go up", "br-rail-trade-growth")


@pytest.mark.parametrize(
    "question",
    [
        "how did the bike company's exports do in the first half of 2020",
        "what were Xidesheng's exports in the third quarter of 2020",
    ],
)
def test_a_part_of_a_year_no_record_is_of_finds_nothing(run: Run, question: str) -> None:
    """The base has the exports of the second half of 2020: the first half, or the third
    quarter, is another period (its 'half' and '2020' no longer find the second's)."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    "question",
    [
        "how much did the bicycle company's exports grow in the second half of 2020",
        "how did Xidesheng's exports do in the second half",  # no year: its words
    ],
)
def test_the_part_of_a_year_a_record_is_of_finds_it(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["xidesheng-exports-2020-h2"]
    assert ids(run, question, memory=True)[:1] == ["xidesheng-exports-2020-h2"]


# -- exports alone are not trade both ways -------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "both"),
    [
        (["China's imports and exports rose 1 percent"], True),
        (["China's foreign trade reached 9.37 trillion yuan"], True),  # trade: both ways
        (["our export value increased 30 percent"], False),  # exports alone
        (["imports and exports rose", "exports to ASEAN fell"], False),
        (["of great importance to trade"], True),  # 'importance' is no import
        (["a smart engine for bikes"], False),  # no trade at all
    ],
)
def test_a_record_s_trade_is_both_ways_only(texts: list[str], both: bool) -> None:
    from brtrade.core.terms import both_ways_only

    assert both_ways_only(texts) is both


def test_keywords_of_exports_alone_put_trade_both_ways_after_not_away(run: Run) -> None:
    """A keyword search finds every record holding its words, but the one about exports
    comes before imports and exports together; a question is not answered by them."""
    assert ids(run, "secretary board chairman export value")[0] == "xidesheng-exports-2020-h2"
    assert "br-trade-2020-growth" in ids(run, "exports 1 s")  # its own words find it
    assert ids(run, "how much did China's exports grow in 2020") == []


@pytest.mark.parametrize(
    ("question", "one_way"),
    [
        ("how much did China's exports grow in 2020", True),
        ("how much did China import from belt and road countries", True),
        ("how did imports and exports change", False),
        ("why is the belt and road important", False),  # 'important'
        ("why does the belt and road matter to Chinese exporters", False),  # who sells
        ("is diversifying export markets paying off", False),  # markets traded with
        ("how much did Chinese purchases from the route countries rise", True),  # imports
        ("how much did China's overseas sales grow", True),  # the editors' export phrase
        ("how did Chinese sales to ASEAN change", True),
        ("can the initiative help China sell into new markets", False),  # trade at large
        ("is China spreading its sales over more markets", False),  # no figure asked
        ("are Chinese sales to ASEAN rising", True),  # a change of them
        ("did sales and purchases with ASEAN grow", False),  # both ways
    ],
)
def test_a_question_about_exports_or_imports_alone(question: str, one_way: bool) -> None:
    from brtrade.core.asking import one_way_only

    plan = match.plan_query(question, BASE_VOCABULARY, question=True)
    assert one_way_only(plan) is one_way


@pytest.mark.parametrize(
    "question",
    [
        "how much did China's exports grow in 2020",
        "how much did China's imports fall in 2020",
        "how much did China import from belt and road countries",
        "what was the value of China's exports to ASEAN",
        "how much did Chinese purchases from the route countries rise",
        "how much did China's overseas sales grow in 2020",
    ],
)
def test_exports_alone_are_not_answered_by_trade_both_ways(run: Run, question: str) -> None:
    """The article gives China's imports and exports together, never its exports: the
    1 % rise of both is no answer to how China's exports grew."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how much did Xidesheng's exports grow", "xidesheng-exports-2020-h2"),
        ("how did imports and exports with belt and road partners change", "br-trade-2020-growth"),
        ("is diversifying export markets paying off for China", "market-diversification-results"),
        ("why does the Belt and Road matter to Chinese exporters", "bri-significance"),
    ],
)
def test_exports_a_record_says_or_trade_both_ways_still_answer(
    run: Run, question: str, answer: str
) -> None:
    assert in_top_three(run, question, answer)


@pytest.mark.parametrize(
    "question", ["how much did trade by sea grow", "how much did air freight grow"]
)
def test_a_way_of_carrying_trade_no_record_holds_is_asked_for_itself(
    run: Run, question: str
) -> None:
    """The base has trade by train: by sea, or by air, is not it."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("word", "past"),
    [
        ("produced", True),
        ("listed", True),
        ("shipped", True),
        ("priced", True),
        ("speed", False),
        ("seed", False),
        ("need", False),
        ("produce", False),
    ],
)
def test_a_verb_s_past_is_told_by_its_ending_and_stem(word: str, past: bool) -> None:
    assert language.past_form(word) is past


def test_a_verb_s_past_weighs_as_a_verb_though_its_stem_is_mostly_a_noun_s(run: Run) -> None:
    """'produced' shares its stem with 'produce' (the noun, and the editors' topic of
    products): in a question it says how a thing is asked, and no longer outweighs
    what the question is about."""
    question = "what results has diversification produced"
    assert ids(run, question)[:1] == ["market-diversification-results"]
    assert ids(run, question, memory=True)[:1] == ["market-diversification-results"]


@pytest.mark.parametrize(
    "question",
    [
        "how many routes Yantian added",
        "I'd like to know how many routes Yantian added",
        "I'm curious how many new lines Shenzhen launched",
        "how many routes Yantian opened in 2020",
    ],
)
def test_what_is_counted_ends_where_a_clause_with_a_name_begins(run: Run, question: str) -> None:
    """'how many routes Yantian added': the count is of routes, 'Yantian added' a clause
    of its own (its 'added' is no verb of speech, its I'd no word to find)."""
    assert ids(run, question)[:1] == ["yantian-port-new-routes-2020"]
    assert ids(run, question, memory=True)[:1] == ["yantian-port-new-routes-2020"]
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    at = asking.tallied(plan)
    assert at is not None and plan.groups[at].word in ("routes", "lines")
    assert not any(g.word == match.SAID_CUE for g in plan.groups)
    assert not any(g.required and g.word in ("i", "d", "m") for g in plan.groups)


@pytest.mark.parametrize(
    ("words", "speech"),
    [
        ("what else had Tu Xinquan added", True),
        ("Zhou Mi added that trade grew", True),
        ("how many routes Yantian added", False),
        ("how many goods were described", False),
        ("how many experts said trade grew", True),
    ],
)
def test_a_verb_of_speech_after_what_is_counted_is_done_to_it(words: str, speech: bool) -> None:
    from brtrade.core.language import speaks
    from brtrade.core.text import words as split

    found = split(words)
    assert any(speaks(found, i) for i in range(len(found))) is speech


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("what is Tu Xinquan's university", "tu-xinquan"),
        ("what is Li Xiangrong's company", "li-xiangrong"),
        ("which is Zhou Mi's ministry", "zhou-mi"),
    ],
)
def test_a_named_person_s_body_asks_for_the_person(run: Run, question: str, speaker: str) -> None:
    """'Tu Xinquan's university' is a thing of his record, not of the claims."""
    assert about_a_person(question)
    assert ids(run, question)[:1] == [speaker]
    assert ids(run, question, memory=True)[:1] == [speaker]


def test_a_body_s_possessive_of_a_common_word_is_not_a_person_s() -> None:
    assert not about_a_person("what is the port's university")
    assert not about_a_person("how did the country's companies do")


@pytest.mark.parametrize(
    "question",
    [
        "how did belt and road trade do in the first quarter",
        "how did trade fare in the last quarter",
        "what did exports do in the first half",
    ],
)
def test_a_part_of_a_year_without_its_year_no_record_is_of_finds_nothing(
    run: Run, question: str
) -> None:
    """A whole year's trade is no answer to a question about its first quarter."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    "question",
    [
        "how did Xidesheng's exports do in the second half",
        "what happened to exports in the second half of the year",
    ],
)
def test_a_part_of_a_year_without_its_year_a_record_is_of_finds_it(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["xidesheng-exports-2020-h2"]
    assert ids(run, question, memory=True)[:1] == ["xidesheng-exports-2020-h2"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what's Yantian's role in south China shipping", "yantian-port-most-routes"),
        ("what is the role of the initiative in China's trade", "bri-significance"),
    ],
)
def test_a_thing_s_role_in_something_asks_how_much_it_matters(
    run: Run, question: str, answer: str
) -> None:
    assert ids(run, question)[:1] == [answer]
    assert ids(run, question, memory=True)[:1] == [answer]
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    assert any(g.word == "(role)" for g in plan.groups)


def test_a_person_s_role_is_still_a_job(run: Run) -> None:
    assert ids(run, "what is Zhou Mi's role in the ministry")[:1] == ["zhou-mi"]


@pytest.mark.parametrize(
    "question",
    [
        "who is the person from the Ministry of Commerce think tank",
        "who works for the Ministry of Commerce think tank",
        "whose institute studies American and Oceania affairs",
    ],
)
def test_a_common_word_after_a_name_describes_the_name_among_speakers(
    run: Run, question: str
) -> None:
    assert ids(run, question)[:1] == ["zhou-mi"]
    assert ids(run, question, memory=True)[:1] == ["zhou-mi"]


@pytest.mark.parametrize(
    "question",
    [
        "who is the owner of Yantian port",
        "who is the chairman of Xidesheng",
        "who negotiated the trade deals",
        "who is the president of Indonesia",
    ],
)
def test_titles_agents_and_what_is_done_still_ask_for_whom(run: Run, question: str) -> None:
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    "question", ["who is China's commerce minister", "what did the minister say"]
)
def test_a_title_is_no_prefix_of_a_body(run: Run, question: str) -> None:
    """A minister is not the Ministry of Commerce, which Zhou Mi's records name."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("what did the deputy director say", "zhou-mi"),
        ("what did the executive dean say", "tu-xinquan"),
    ],
)
def test_of_equal_scores_the_record_in_the_editors_phrase_s_own_words_comes_first(
    run: Run, question: str, speaker: str
) -> None:
    """'deputy director' and 'executive dean' are both the editors' *expert*: the
    record whose speaker is the deputy director says so word for word."""
    for flag in ([], ["--no-cache"]):
        first = json.loads(run(*flag, "facts", question, "--json").stdout)
        assert first[0]["speaker"]["id"] == speaker


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("important", "imports"),
        ("importance", "import"),
        ("authority", "author"),
        ("department", "depart"),
        ("experience", "experiment"),
        ("position", "positive"),
    ],
)
def test_words_snowball_stems_together_keep_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_importance_is_no_word_of_the_trade_records_imports(run: Run) -> None:
    """'importance' found the records of 'imports and exports' first."""
    for memory in (False, True):
        found = ids(run, "importance", memory=memory)
        assert "bri-significance" in found[:2]
        assert not {"br-trade-2020-growth", "br-trade-2020-share"} & set(found)


def test_exports_or_imports_alone_need_a_record_that_says_so(run: Run) -> None:
    """The new routes to Indonesia say nothing of what China imports from it."""
    question = "what did China import from Indonesia"
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)
    assert ids(run, "when can the bikes be exported")[:1] == ["bicycle-export-soon"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("when can the factory ship its bicycles overseas", "bicycle-export-soon"),
        ("when will the bikes be exported", "bicycle-export-soon"),
        ("when will the next new routes open at Yantian", None),
        ("when were the 11 routes opened", "yantian-port-new-routes-2020"),
    ],
)
def test_when_will_or_can_asks_for_a_record_of_what_will_or_can_happen(
    run: Run, question: str, answer: str | None
) -> None:
    """The exports of the second half of 2020 did happen: they do not say when the bikes
    can be shipped; the routes opened in 2020 are not the next ones."""
    for memory in (False, True):
        found = ids(run, question, memory=memory)
        assert found[:1] == ([answer] if answer else [])


@pytest.mark.parametrize(
    ("question", "kind", "answer"),
    [
        ("what percentage did belt and road trade grow by", "change", "br-trade-2020-growth"),
        ("how large is the belt and road share of trade", "share", "br-trade-2020-share"),
        (
            "what percentage of China's trade was with belt and road countries",
            "share",
            "br-trade-2020-share",
        ),
    ],
)
def test_a_percentage_of_a_change_and_the_size_of_a_share(
    run: Run, question: str, kind: str, answer: str
) -> None:
    from brtrade.core.language import asked_kind
    from brtrade.core.text import words

    assert asked_kind([stem(w) for w in words(question)]) == kind
    assert ids(run, question)[:1] == [answer]
    assert ids(run, question, memory=True)[:1] == [answer]


def test_how_fast_a_thing_goes_asks_for_its_speed(run: Run) -> None:
    assert finds_nothing(run, "how fast does the e-bike go")
    assert ids(run, "how quickly can the finished bicycles be sent overseas")[:1] == [
        "bicycle-export-soon"
    ]  # how soon, not how fast


@pytest.mark.parametrize(
    ("question", "speakers"),
    [
        ("how many people were quoted", ["li-xiangrong", "tu-xinquan", "zhou-mi"]),
        ("how many experts were quoted in the article", ["tu-xinquan", "zhou-mi"]),
        ("how many officials from the Ministry of Commerce were quoted", ["zhou-mi"]),
        ("how many staff work at the Shenzhen bike maker", []),
    ],
)
def test_how_many_people_were_quoted_answers_with_them(
    run: Run, question: str, speakers: list[str]
) -> None:
    """Counting who spoke is answered by who spoke; a count of staff is no speaker."""
    for flag in ([], ["--no-cache"]):
        result = run(*flag, "facts", question, "--json")
        rows = json.loads(result.stdout) if result.stdout.strip() else []
        assert [r["id"] for r in rows if r.get("type") == "speaker"] == speakers


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "verify that China's belt and road trade hit 1.45 trillion dollars",
            "br-trade-2020-total",
        ),
        ("did belt and road trade hit 9.37 trillion yuan", "br-trade-2020-total"),
        ("check whether ASEAN trade rose 7 percent", "asean-trade-2020"),
        ("confirm that belt and road trade hit 1.45 trillion dollars", "br-trade-2020-total"),
    ],
)
def test_a_fact_checker_s_check_of_a_figure(run: Run, question: str, answer: str) -> None:
    """'hit' before a figure is a sum's verb, not the editors' *impact*; 'verify that',
    'check whether' are how the question asks."""
    assert ids(run, question)[:1] == [answer]
    assert ids(run, question, memory=True)[:1] == [answer]


def test_hit_without_a_figure_is_still_an_impact(run: Run) -> None:
    assert ids(run, "how did the pandemic hit trade")[:1] == ["br-cooperation-resilient"]


def test_the_relationship_between_two_asks_about_them(run: Run) -> None:
    question = "what is the relationship between China and ASEAN"
    assert ids(run, question)[:1] == ["asean-largest-partner-2020"]
    assert ids(run, question, memory=True)[:1] == ["asean-largest-partner-2020"]


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("who is Mr Zhou", "zhou-mi"),
        ("who is Ms Li", "li-xiangrong"),
        ("what does Mr Tu do", "tu-xinquan"),
        ("whos tu xinquan", "tu-xinquan"),
    ],
)
def test_an_honorific_or_a_who_without_its_apostrophe(
    run: Run, question: str, speaker: str
) -> None:
    """News copy's 'Mr Zhou' names Zhou Mi; 'whos' is 'who's' typed fast."""
    assert ids(run, question)[:1] == [speaker]
    assert ids(run, question, memory=True)[:1] == [speaker]


def test_what_mr_zhou_said_is_his_words(run: Run) -> None:
    assert ids(run, "what did Mr Zhou say")[0] in {
        "br-cooperation-resilient",
        "br-complementarity",
        "bri-significance",
    }


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("belt and raod trade", "br-trade-2020-total"),
        ("waht is asean trade", "asean-trade-2020"),
        ("hwo much did trade grow", "br-trade-2020-growth"),
    ],
)
def test_two_neighbours_swapped_in_a_short_word_are_read(
    run: Run, question: str, answer: str
) -> None:
    """The commonest slip: 'raod' is the base's 'road'; 'waht' and 'hwo' are the
    question's form, not words to find."""
    assert answer in ids(run, question)[:3]
    assert answer in ids(run, question, memory=True)[:3]


@pytest.mark.parametrize(
    "question",
    [
        "what fell in 2020",
        "which trade declined",
        "which exports shrank",
        "why did trade with ASEAN fall",
        "what caused the drop in exports",
    ],
)
def test_a_question_for_a_fall_is_not_answered_by_a_rise(run: Run, question: str) -> None:
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("did exports fall in 2020", "xidesheng-exports-2020-h2"),  # whether: what they did
        ("how did trade change", "asean-trade-2020"),
    ],
)
def test_whether_something_fell_is_answered_by_what_it_did(
    run: Run, question: str, answer: str
) -> None:
    assert answer in ids(run, question)[:3]


def test_who_did_an_event_needs_a_record_saying_it_was_done(run: Run) -> None:
    """The dean of the WTO studies institute is not who founded it: no record says so."""
    question = "who founded the China Institute for WTO Studies"
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)
    assert ids(run, "who opened the new routes")[:1] == ["yantian-port-new-routes-2020"]


@pytest.mark.parametrize(
    "question",
    ["how did ASEAN rank among China's trading partners", "where does ASEAN rank"],
)
def test_a_rank_is_said_by_a_superlative(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["asean-largest-partner-2020"]
    assert ids(run, question, memory=True)[:1] == ["asean-largest-partner-2020"]
    assert finds_nothing(run, "what was Japan's rank among China's trading partners")


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("who leads the China Institute for WTO Studies", "tu-xinquan"),  # its executive dean
        ("who heads the WTO studies institute", "tu-xinquan"),
        ("who heads the Ministry of Commerce", None),  # a deputy director under it
        ("who runs the bicycle factory", None),  # the board chairman's secretary
    ],
)
def test_who_leads_a_body_is_the_one_at_its_head(
    run: Run, question: str, speaker: str | None
) -> None:
    for flag in ([], ["--no-cache"]):
        result = run(*flag, "facts", question, "--json")
        rows = json.loads(result.stdout) if result.stdout.strip() else []
        assert [r["id"] for r in rows if r.get("type") == "speaker"] == (
            [speaker] if speaker else []
        )
    assert finds_nothing(run, "who heads the Ministry of Commerce")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("give me the headline number for belt and road trade", "br-trade-2020-total"),
        ("what are the latest numbers on asean trade", "asean-trade-2020"),
        ("which bloc became China's number one trade partner", "asean-largest-partner-2020"),
        ("what number of routes opened", "yantian-port-new-routes-2020"),
    ],
)
def test_a_number_asks_for_a_figure_but_not_a_rank_or_a_count(
    run: Run, question: str, answer: str
) -> None:
    assert ids(run, question)[:1] == [answer]
    assert ids(run, question, memory=True)[:1] == [answer]


def test_number_one_and_number_of_are_no_figure_asked() -> None:
    from brtrade.core.language import asked_kind

    def kind(q: str) -> str | None:
        return asked_kind([stem(w) for w in q.split()])

    assert kind("what is the headline number") == "figure"
    assert kind("what are the numbers") == "figure"
    assert kind("which bloc is the number one partner") is None
    assert kind("the number of new routes") == "count"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("was trade with belt and road countries flat in 2020", "br-trade-2020-growth"),
        ("did train shipments with belt and road nations pick up", "br-rail-trade-growth"),
        ("did rail trade take off in 2020", "br-rail-trade-growth"),
        ("by what percent did the cycle company's shipments abroad rise", None),
    ],
)
def test_a_change_said_in_a_phrasal_verb_or_as_flat(
    run: Run, question: str, answer: str | None
) -> None:
    want = answer or "xidesheng-exports-2020-h2"
    assert ids(run, question)[:1] == [want]
    assert ids(run, question, memory=True)[:1] == [want]


def test_the_words_of_a_change_form_are_the_question_s_form() -> None:
    from brtrade.core.language import form_words

    assert form_words([stem(w) for w in "did rail trade pick up".split()]) == {"pick", "up"}
    assert form_words([stem(w) for w in "what did the company pick".split()]) == frozenset()


@pytest.mark.parametrize(
    "question",
    [
        "is belt and road trade about 30 percent of China's total trade",
        "did half of China's trade go to belt and road countries",
        "nearly a third of China's trade: is that right for belt and road",
    ],
)
def test_a_percent_or_fraction_of_a_whole_asks_for_a_share(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["br-trade-2020-share"]
    assert ids(run, question, memory=True)[:1] == ["br-trade-2020-share"]
    assert ids(run, "did exports rise 30 percent in the second half")[:1] == [
        "xidesheng-exports-2020-h2"
    ]


@pytest.mark.parametrize(
    "question",
    ["what are the key figures in the report", "what are the figures", "what are the key numbers"],
)
def test_a_question_asking_only_for_figures_gets_the_claims_with_figures(
    run: Run, question: str
) -> None:
    found = ids(run, question)
    assert found and found == ids(run, question, memory=True)
    assert found[0] == "br-trade-2020-total"
    assert "br-cooperation-drive" not in found  # no figure


def test_a_reporter_s_ranking_word_before_figures_is_form() -> None:
    plan = match.plan_query(
        "what are the main statistics on rail trade", Vocabulary({}), question=True
    )
    assert not next(g for g in plan.groups if g.word == "main").required
    plan = match.plan_query("what are the trade figures", Vocabulary({}), question=True)
    assert next(g for g in plan.groups if g.word == "trade").required


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what went down last year", None),  # a fall: none was
        ("did asean trade go down", "asean-trade-2020"),  # whether: what it did
        ("did rail trade go up", "br-rail-trade-growth"),
    ],
)
def test_went_up_and_went_down_are_a_rise_and_a_fall(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("where does Tu Xinquan teach", "tu-xinquan"),
        ("where does Tu Xinquan lecture", "tu-xinquan"),
        ("which body does Zhou Mi serve", "zhou-mi"),
    ],
)
def test_where_someone_teaches_or_serves_is_about_them(
    run: Run, question: str, speaker: str
) -> None:
    assert ids(run, question)[:1] == [speaker]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("tell me about China's trade with the belt and road countries", None),
        ("explain the smart engine", "bicycle-smart-engine"),
        ("what does the article tell us about exports", None),
    ],
)
def test_the_asker_s_own_verb_of_speech_asks_for_no_one_s_words(
    run: Run, question: str, first: str | None
) -> None:
    from brtrade.core.language import speaks

    found = ids(run, question)
    assert found
    if first:
        assert found[0] == first
    assert "q:" not in " ".join(found)
    folded = question.replace("'", " ").lower().split()
    assert not any(speaks(folded, k) for k in range(len(folded)))
    said = "what did Zhou Mi tell reporters".split()
    assert any(speaks([w.lower() for w in said], k) for k in range(len(said)))


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what did the company spokesman say", "xidesheng-engine-advantages"),
        ("what did the ministry spokesperson say about trade", "br-cooperation-resilient"),
    ],
)
def test_a_word_for_whoever_spoke_is_not_required(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)
    assert finds_nothing(run, "what did the Indonesian official say")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what was the growth rate of trade with Singapore", None),  # the routes to it
        ("what was the growth rate of rail trade", "br-rail-trade-growth"),
        ("what was the rate of growth of belt and road trade", "br-trade-2020-growth"),
    ],
)
def test_a_growth_rate_asks_for_a_change(run: Run, question: str, answer: str | None) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("when was the Belt and Road Initiative launched", None),  # routes tagged with it
        ("when did Yantian port open", None),  # its routes opened
        ("when did the Yantian routes start", "yantian-port-new-routes-2020"),
        ("when did China launch the new routes", "yantian-port-new-routes-2020"),
    ],
)
def test_what_an_event_happened_to_is_in_the_record_s_own_words(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how did the bike company's foreign sales perform", "xidesheng-exports-2020-h2"),
        ("how did asean trade fare in 2020", "asean-trade-2020"),
    ],
)
def test_how_something_performed_or_fared_asks_for_its_change(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("where is Tu Xinquan an executive dean", True),
        ("what is Zhou Mi an expert on", True),
        ("what is the name of the bicycle company's secretary", True),
        ("what is the name of the bicycle company", False),
        ("what is the smart engine a part of", False),  # no name before 'a'
    ],
)
def test_a_name_said_to_be_something_and_a_named_title_ask_about_a_person(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("where is Tu Xinquan an executive dean", "tu-xinquan"),
        ("what is Zhou Mi an expert on", "zhou-mi"),
        ("what is the name of the bicycle company's secretary", "li-xiangrong"),
    ],
)
def test_such_a_question_answers_with_the_speaker(run: Run, question: str, speaker: str) -> None:
    assert ids(run, question)[:1] == [speaker]


@pytest.mark.parametrize(
    "question",
    ["how much did services trade grow", "what was China's trade in services"],
)
def test_trade_in_services_is_not_the_shipping_services(run: Run, question: str) -> None:
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)
    assert ids(run, "how many new services did Yantian launch")[:1] == [
        "yantian-port-new-routes-2020"
    ]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what did the market diversification strategy lead to", "market-diversification-results"),
        ("what did the strategy bring about", "market-diversification-results"),
        ("how much more did the bicycle company export", "xidesheng-exports-2020-h2"),
    ],
)
def test_what_something_led_to_and_how_much_more(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


def test_how_much_more_than_compares_amounts_not_a_change() -> None:
    from brtrade.core.language import asked_kind

    def kind(q: str) -> str | None:
        return asked_kind([stem(w) for w in q.split()])

    assert kind("how much more did the company export") == "change"
    assert kind("how much more is belt and road trade than asean trade") != "change"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("busy", "business"),
        ("executive", "executed"),
        ("initiative", "initially"),
        ("relatively", "relations"),
        ("remarkable", "remarks"),
        ("assistant", "assist"),
    ],
)
def test_more_words_snowball_stems_together_keep_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)
    for a, b in ((one, other), (other, one)):
        group = match.plan_query(a, Vocabulary({})).groups[0]
        assert stem(b) not in group.exact + group.near
        assert group.prefix is None or not stem(b).startswith(group.prefix)


def test_a_busy_port_is_no_company(run: Run) -> None:
    assert ids(run, "why is the port of Yantian so busy")[:1] == ["yantian-port-most-routes"]


@pytest.mark.parametrize(
    "question",
    [
        "how did the company's exports do from July to December 2020",
        "how did the bike firm's exports do in H2 2020",
        "how did the bicycle company do overseas in the back half of 2020",
    ],
)
def test_a_half_of_a_year_in_other_words_is_that_half(run: Run, question: str) -> None:
    assert ids(run, question)[:1] == ["xidesheng-exports-2020-h2"]
    assert ids(run, question, memory=True)[:1] == ["xidesheng-exports-2020-h2"]
    assert finds_nothing(run, "how did the company's exports do from January to June 2020")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("summarise China's trade with belt and road countries", "br-trade-2020-total"),
        ("tell me about China's trade with the belt and road countries", "br-trade-2020-total"),
        ("what kind of trade does China want with belt and road states", "br-cooperation-drive"),
        ("are the bikes ready for export", "bicycle-export-soon"),
    ],
)
def test_of_equal_scores_a_flow_asked_of_is_measured_first(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("list the speakers", True),
        ("who are the sources in the story", True),
        ("name the countries the new routes serve", False),
        ("identify the largest trading partner", False),
        ("identify the executive dean", True),
    ],
)
def test_a_verb_of_naming_asks_for_a_person_only_when_one_follows(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


def test_an_imperative_first_word_is_the_question_s_form(run: Run) -> None:
    assert ids(run, "name the countries the new routes serve")[:1] == [
        "yantian-port-new-routes-2020"
    ]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("didn't belt and road trade fall because of covid", "br-cooperation-resilient"),
        ("isn't ASEAN the largest partner", "asean-largest-partner-2020"),
    ],
)
def test_a_negative_contraction_and_because_are_the_question_s_form(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)
    assert all(w in STOP_WORDS for w in ("didn", "wasn", "because"))


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how many routes closed at Yantian", None),  # they opened
        (
            "how many shipping lines were launched at Yantian last year",
            "yantian-port-new-routes-2020",
        ),
        ("how many routes Yantian added", "yantian-port-new-routes-2020"),
        ("how much was trade with Indonesia worth", None),  # the routes to it have no sum
        ("how much was asean trade worth", "asean-trade-2020"),
    ],
)
def test_what_happened_to_what_is_counted_and_a_sum_asked_as_worth(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what's driving the bike maker's overseas growth", "xidesheng-exports-2020-h2"),
        ("what's behind the rise in rail trade", "br-rail-trade-growth"),
        ("what status did ASEAN reach", "asean-largest-partner-2020"),
    ],
)
def test_what_s_asks_why_as_what_is_does_and_a_status_is_a_rank(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)


def test_a_person_word_s_name_anywhere_asks_for_the_person() -> None:
    assert about_a_person("what is the woman's name from the bicycle company")
    assert not about_a_person("what is the company's name")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("which paragraph mentions Indonesia", "yantian-port-new-routes-2020"),
        ("which sentence says ASEAN became the largest partner", "asean-largest-partner-2020"),
    ],
)
def test_which_passage_says_something_asks_where_in_the_article(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)
    vocabulary = Analyzer(BASE).vocabulary
    asked = match.plan_query("which news agency reported it", vocabulary, question=True)
    assert any(g.word == "news" and g.required for g in asked.groups)


def test_by_how_many_percentage_points_asks_how_far_not_how_many(run: Run) -> None:
    question = "by how many percentage points did ASEAN trade grow"
    assert ids(run, question)[:1] == ["asean-trade-2020"] == ids(run, question, memory=True)[:1]
    plan = match.plan_query(question, Vocabulary({}), question=True)
    assert not asking.counted(plan)


# -- a bloc's members, a typist's contractions, a denied fall, an editors' label ------


@pytest.mark.parametrize(
    "question",
    [
        "which southeast asian countries do Yantian's new routes go to",
        "which southeast asian destinations can ships reach directly from Yantian",
    ],
)
def test_a_bloc_s_members_are_asked_for_by_the_bloc_and_a_member_noun(
    run: Run, question: str
) -> None:
    # Indonesia and Singapore are members of ASEAN (an editorial relation): the routes
    # to them answer a question for Southeast Asian countries.
    assert first_everywhere(run, question, "yantian-port-new-routes-2020")
    assert in_top_three(
        run, "which ASEAN members do the new routes reach", "yantian-port-new-routes-2020"
    )


@pytest.mark.parametrize(
    "question",
    [
        "asean",
        "how does ASEAN trade compare with total belt and road trade",
        "how much did China trade with ASEAN",
    ],
)
def test_the_bloc_alone_is_not_its_members(run: Run, question: str) -> None:
    for memory in (False, True):
        assert "yantian-port-new-routes-2020" not in ids(run, question, memory=memory)


def test_a_record_holds_its_entities_blocs_only_as_member_terms() -> None:
    analyzer = Analyzer(BASE)
    routes = next(c for c in BASE.claims if c.id == "yantian-port-new-routes-2020")
    tokens = analyzer.claim_tokens(routes)
    assert "m:asean" in tokens and "m:v:southeast-asia" in tokens
    assert "asean" not in tokens


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whats Li Xiangrong's title", "what's Li Xiangrong's title"),
        ("Whos Zhou Mi", "Who's Zhou Mi"),
        ("why didnt exports fall", "why didn't exports fall"),
        ("hows trade, and wheres it going", "how's trade, and where's it going"),
        ("it cant and wont", "it can't and won't"),
        (
            "its price, lets see, whatsoever, the hours",
            "its price, lets see, whatsoever, the hours",
        ),
    ],
)
def test_a_typist_s_missing_apostrophe_is_put_back(typed: str, meant: str) -> None:
    assert contractions_marked(typed) == meant


@given(st.text(max_size=60))
def test_putting_back_apostrophes_only_adds_apostrophes(text: str) -> None:
    marked = contractions_marked(text)
    assert marked.replace("'", "") == text.replace("'", "")
    assert contractions_marked(marked) == marked


def test_a_question_without_apostrophes_is_read_as_with_them(run: Run) -> None:
    assert first_everywhere(run, "whats Li Xiangrong's title", "li-xiangrong")
    assert first_everywhere(run, "whos Tu Xinquan", "tu-xinquan")


@pytest.mark.parametrize(
    "question",
    [
        "why didn't belt and road trade fall during the pandemic",
        "why didnt belt and road trade fall during the pandemic",
        "why did belt and road trade not fall during the pandemic",
    ],
)
def test_a_denied_fall_asks_why_it_held_up(run: Run, question: str) -> None:
    assert first_everywhere(run, question, "br-cooperation-resilient")


def test_a_fall_the_base_does_not_tell_still_finds_nothing(run: Run) -> None:
    assert first_everywhere(run, "why did belt and road trade fall", None)


def test_a_word_only_an_editors_label_holds_is_widened_as_unheld(run: Run) -> None:
    # 'policy' is only in the label of the topic 'Trade policy and cooperation': the
    # record of China's diversification *strategy* answers.
    question = "what has the diversification policy delivered"
    assert in_top_three(run, question, "market-diversification-results")
    store = Searcher(BASE).store("claim")
    plan = match.plan_query(question, store.vocabulary(), question=True)
    dfs = [store.df(g) for g in plan.groups]
    labelled = [plan.groups[i].word for i in engine._only_labels(plan, dfs, store.postings)]
    assert labelled == ["policy"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("who is Tu Xin Quan", "tu-xinquan"),
        ("what did Li Xiang Rong say about exports", "xidesheng-exports-2020-h2"),
    ],
)
def test_a_name_written_in_its_syllables_is_the_name(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)
    result = run("--no-cache", "facts", "what did Tu Xin Quan say", "--json")
    assert "reading 'xin quan' as 'xinquan'" in result.stderr


def test_two_words_are_joined_only_into_a_word_of_the_base() -> None:
    vocabulary = Analyzer(BASE).vocabulary
    plan = match.plan_query("who is tu xin quan", vocabulary, question=True)
    assert match._rejoined(plan, [1, 1, 1, 0, 0], lambda: ["xinquan"]) == {3: "xinquan"}
    assert match._rejoined(plan, [1, 1, 1, 1, 1], lambda: ["xinquan"]) == {}  # both held
    assert match._rejoined(plan, [1, 1, 1, 0, 0], lambda: ["xin"]) == {}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how many bn dollars was ASEAN trade", "asean-trade-2020"),
        ("what was China's trade with BRI countries in tn yuan", "br-trade-2020-total"),
    ],
)
def test_a_scale_s_abbreviation_alone_is_the_scale(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("where is Tu Xinquan from", True),
        ("what is Zhou Mi known for", True),
        ("where is the expert Zhou Mi from", True),
        ("where are the bikes exported from", False),
        ("how much did trade grow", False),
    ],
)
def test_where_someone_is_from_and_what_they_are_known_for_ask_about_them(
    question: str, person: bool
) -> None:
    assert about_a_person(question) is person


def test_where_someone_is_from_answers_with_the_speaker(run: Run) -> None:
    assert first_everywhere(run, "where is Tu Xinquan from", "tu-xinquan")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "how are the results of market diversification characterised",
            "market-diversification-results",
        ),
        ("how did Tu Xinquan portray China's strategy", "market-diversification-results"),
    ],
)
def test_a_verb_of_describing_no_record_holds_asks_for_words(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    dfs = [0 if g.word in asking.DESCRIBING else 1 for g in plan.groups]
    kept = asking.unheld_speech(plan, dfs)
    assert not any(g.required and g.word in asking.DESCRIBING for g in kept.groups)


def test_a_verb_that_says_what_was_said_stays_required(run: Run) -> None:
    # 'warn' says what the words were: the experts warned of no risk in the article
    assert first_everywhere(run, "what risks did the experts warn about", None)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how big was China's trade surplus in 2020", None),
        ("how high was the price of the bike", None),
        ("how big was belt and road trade", "br-trade-2020-total"),
        ("how large was the value of ASEAN trade", "asean-trade-2020"),
    ],
)
def test_how_big_was_a_measure_asks_for_that_measure(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what is the name of the chairman of Xidesheng", None),
        ("what is the name of the company's secretary", "li-xiangrong"),
    ],
)
def test_the_name_of_a_title_asks_for_its_holder_not_whom_they_serve(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize("word", ["anyone", "someone", "anything", "everybody", "else"])
def test_an_indefinite_pronoun_is_a_stop_word(word: str) -> None:
    assert word in STOP_WORDS


def test_more_than_anyone_else_names_nothing_the_answer_must_hold(run: Run) -> None:
    question = "did the Chinese do more business with ASEAN than anyone else"
    assert ids(run, question)[:2] == ["asean-largest-partner-2020", "asean-trade-2020"]
    assert ids(run, question, memory=True)[:2] == ids(run, question)[:2]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what does Zhou Mi specialise in", "zhou-mi"),
        ("what is Zhou Mi's area of expertise", "zhou-mi"),
        ("what does Zhou Mi research", "zhou-mi"),
    ],
)
def test_what_someone_specialises_in_asks_about_them(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


def test_a_number_of_people_quoted_asks_for_everyone_quoted(run: Run) -> None:
    got = ids(run, "who are the three people quoted")
    assert got[:3] == ["li-xiangrong", "tu-xinquan", "zhou-mi"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("wat did zhou mi say", "br-cooperation-resilient"),
        ("wy did rail trade grow", "br-rail-trade-growth"),
        ("wen did ASEAN become the largest partner", "asean-largest-partner-2020"),
    ],
)
def test_a_first_word_one_letter_short_of_a_question_word_is_it(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)
    assert "reading '" in run("--no-cache", "facts", question, "--json").stderr


def test_only_a_question_word_less_one_letter_is_read_as_it() -> None:
    assert match._less_one("what", "wat") and match._less_one("how", "hw")
    assert not match._less_one("what", "what") and not match._less_one("who", "wu")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("did Yantian open 15 new routes", "yantian-port-new-routes-2020"),
        ("were 20 routes opened at Yantian", "yantian-port-new-routes-2020"),
        ("how many routes did Yantian open in 2019", None),  # a year is asked for in full
        ("Yantian 15", None),  # keywords: each chosen
    ],
)
def test_a_bare_number_no_record_holds_is_a_figure_checked_not_a_name(
    run: Run, question: str, answer: str | None
) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what was the scale of Sino-ASEAN commerce", "asean-trade-2020"),
        ("what sum did Sino-belt and road commerce total", "br-trade-2020-total"),
    ],
)
def test_sino_is_china_s(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)
    assert paraphrase.demonym_of("sino", paraphrase.name_words(["China"])) == "china"
    assert paraphrase.demonym_of("sino", paraphrase.name_words(["ASEAN"])) is None


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("by what proportion did belt and road trade rise", "br-trade-2020-growth"),
        ("by what fraction did ASEAN trade grow", "asean-trade-2020"),
        ("what proportion of trade was belt and road", "br-trade-2020-share"),
    ],
)
def test_by_what_proportion_asks_for_a_change(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


def test_a_ranking_adjective_before_trade_is_not_what_is_traded(run: Run) -> None:
    assert traded_goods("China's principal trade partner") == []
    assert traded_goods("car trade") == ["car"]
    assert first_everywhere(
        run, "which bloc was China's principal trade partner", "asean-largest-partner-2020"
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what are the reasons for stable trade relations", "br-complementarity"),
        ("what is the reason for the rise in rail trade", "br-rail-trade-growth"),
    ],
)
def test_the_reasons_for_something_ask_why(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)
    plan = match.plan_query(question, Vocabulary({}), question=True)
    assert language.asks_why([stem(g.word) for g in plan.groups])


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("did the pandemic stop trade cooperation", "stop"),
        ("did covid end trade", "end"),
        ("could the pandemic help exports", "help"),
        ("how could tariffs hurt car exports", "hurt"),
        ("did China's car exports rise", "rise"),  # 'car' has no verb; 'exports' not bare
        ("how much did exports of steel rise", "rise"),  # 'steel' after 'of': a noun
        ("why did the trade with the US stop", "stop"),
        ("what did Tu Xinquan say", "say"),
        ("China's car exports rose", None),  # no auxiliary: not asked so
        ("the pandemic will stop trade", None),
        ("did", None),
        ("did the", None),
    ],
)
def test_the_main_verb_of_a_question_with_an_auxiliary(text: str, verb: str | None) -> None:
    at = main_verb(text)
    assert (None if at is None else text[at:].split()[0]) == verb


@pytest.mark.parametrize(
    ("text", "goods"),
    [
        ("did the pandemic stop trade cooperation", []),  # what it did, not what is traded
        ("could the outbreak end exports", []),
        ("did the pandemic help trade", []),
        ("did the stop trade grow", ["stop"]),  # after 'the': a thing
        ("did car exports stop", ["car"]),  # the subject's word: what is traded
        ("did covid hit car exports", ["car"]),  # the verb is 'hit'
        ("has covid stopped trade", []),  # a verb's past
        ("Car exports rose", ["car"]),
    ],
)
def test_a_question_s_verb_before_trade_is_not_what_is_traded(text: str, goods: list[str]) -> None:
    assert traded_goods(text) == goods


def test_english_knows_which_words_have_a_verb() -> None:
    for word, verb in (("stop", True), ("end", True), ("help", True), ("car", False)):
        found = english.lookup(stem(word))
        assert found is not None and found.verb is verb, word


@pytest.mark.parametrize(
    "question",
    [
        "did the pandemic stop trade cooperation",
        "did covid end trade cooperation",
        "did the pandemic help trade with belt and road countries",
        "did the pandemic curb trade with belt and road countries",
    ],
)
def test_a_verb_english_has_mostly_as_a_noun_asks_how(run: Run, question: str) -> None:
    """'stop' before 'trade' is what the pandemic did: the record of cooperation that
    held up answers, where 'stop' read as a good no record holds left nothing."""
    assert first_everywhere(run, question, "br-cooperation-resilient")


@pytest.mark.parametrize(
    ("question", "extreme"),
    [
        ("which trade grew fastest", "max"),
        ("what was the biggest increase mentioned", "max"),
        ("what was the fastest-growing area of trade", "max"),
        ("which rose the most", "max"),
        ("which growth rate was the highest", "max"),
        ("what was the slowest growth", "min"),
        ("which rose the least", "min"),
        ("what was the smallest rise", "min"),
        ("did trade grow at least 5 percent", None),  # a bound
        ("did exports rise at most 10 percent", None),
        ("what was the biggest trading partner", None),  # no growth: a record says it
        ("which country traded the most with China", None),
        ("how much did trade grow", None),
    ],
)
def test_a_question_asking_what_grew_the_most(question: str, extreme: str | None) -> None:
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    assert plan.extreme == extreme
    if extreme is not None:  # the superlative sorts; no answer must hold it
        assert not any(g.required for g in plan.groups if g.word in ("fastest", "most", "least"))


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("which trade grew fastest", "br-rail-trade-growth"),  # 34.4 %, not ASEAN's 7 %
        ("what was the biggest increase mentioned", "br-rail-trade-growth"),
        ("which rose the most", "br-rail-trade-growth"),
        ("what was the slowest growth", "br-trade-2020-growth"),  # 1 %
        ("what grew the least", "br-trade-2020-growth"),
        ("what was the biggest trading partner", "asean-largest-partner-2020"),
    ],
)
def test_what_grew_the_most_is_sorted_by_its_change(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


class _Changes:
    def __init__(self, changes: dict[int, list[float]]) -> None:
        self.given = changes

    def changes(self, ords: Sequence[int]) -> dict[int, list[float]]:
        return {o: self.given.get(o, []) for o in ords}


@given(
    st.dictionaries(st.integers(0, 30), st.lists(st.floats(-100, 100), max_size=3), max_size=20),
    st.sampled_from(["max", "min"]),
)
def test_answers_sorted_by_change_are_the_same_answers(
    changes: dict[int, list[float]], extreme: str
) -> None:
    from brtrade.core.figured import by_change

    ranked = [(o, 100 - o, 1) for o in range(31)]
    got = by_change(ranked, _Changes(changes), extreme)  # type: ignore[arg-type]
    assert sorted(got) == sorted(ranked)  # the same answers, reordered
    valued = [o for o, _, _ in got if changes.get(o)]
    assert [o for o, _, _ in got][: len(valued)] == valued  # those with a change first
    best = [max(changes[o]) if extreme == "max" else min(changes[o]) for o in valued]
    assert best == sorted(best, reverse=extreme == "max")
    rest = [o for o, _, _ in got if not changes.get(o)]
    assert rest == sorted(rest)  # the others as ranked


@pytest.mark.parametrize(
    ("question", "gist"),
    [
        ("what is the story about", True),
        ("summarise the article", True),
        ("give me a summary", True),
        ("what is the main point of the article", True),
        ("what does the report say", True),
        ("what are the key points", True),
        ("what does the article say about ASEAN", False),  # about ASEAN
        ("what does the story say about the pandemic", False),
        ("what is it about", False),  # neither the article nor a summary
        ("what was the headline figure", False),  # a figure (the kind 'figure')
        ("who wrote the article", False),
        ("when was the article published", False),
        ("which paragraph mentions Indonesia", False),
    ],
)
def test_a_question_asking_what_the_article_is_about(question: str, gist: bool) -> None:
    assert match.asks_the_gist(words(question)) is gist
    plan = match.plan_query(question, Analyzer(BASE).vocabulary, question=True)
    assert plan.gist is gist


@pytest.mark.parametrize(
    "question", ["what is the story about", "summarise the article", "what are the key points"]
)
def test_the_gist_is_the_lead(run: Run, question: str) -> None:
    """The claims of the article's first paragraph, in order, from the index and memory."""
    lead = ["br-cooperation-drive", "br-trade-2020-total"]
    assert ids(run, question) == lead == ids(run, question, memory=True)


class _Cited:
    def __init__(self, cited: dict[int, tuple[str, list[int]]]) -> None:
        self.given = cited

    def listed(self, q: Any) -> list[int]:
        return sorted(self.given)[: q.limit]

    def cited(self, ords: Sequence[int]) -> dict[int, tuple[str, list[int]]]:
        return {o: self.given[o] for o in ords}


def test_the_lead_is_each_source_s_first_paragraph() -> None:
    from brtrade.core.figured import lead
    from brtrade.core.query import Query

    store = _Cited(
        {0: ("a", [2]), 1: ("a", [1, 3]), 2: ("b", [4]), 3: ("a", [1]), 4: ("b", [5]), 5: ("c", [])}
    )
    assert lead(store, Query(("story",))) == [1, 2, 3]  # type: ignore[arg-type]
    assert lead(store, Query(("story",), limit=2)) == [1, 2]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "is belt and road trade bigger than ASEAN trade",
            ("is belt and road trade", "ASEAN trade"),
        ),
        (
            "did rail trade grow faster than ASEAN trade",
            ("did rail trade grow", "ASEAN trade grow"),
        ),
        (
            "which grew more, ASEAN trade or belt and road trade",
            ("which grew more ASEAN trade", "which grew more belt and road trade"),
        ),
        (
            "how does ASEAN trade compare with belt and road trade",
            ("ASEAN trade", "belt and road trade"),
        ),
        ("compare rail trade and ASEAN trade", ("rail trade", "ASEAN trade")),
        ("ASEAN trade versus belt and road trade", ("ASEAN trade", "belt and road trade")),
        ("did trade grow more than 5 percent", None),  # a bound, not a thing
        ("did exports grow more than expected", None),
        ("how much did trade grow compared with 2019", None),  # a year, the change's base
        ("which trade grew fastest", None),
        ("rather than trade", None),
    ],
)
def test_the_two_sides_of_a_comparison(question: str, sides: tuple[str, str] | None) -> None:
    assert asking.compared_sides(question) == sides


@given(st.text(max_size=80))
def test_any_text_has_two_sides_or_none(text: str) -> None:
    sides = asking.compared_sides(text)
    assert sides is None or all(s.strip() for s in sides)


@pytest.mark.parametrize(
    ("question", "one", "other"),
    [
        (
            "is belt and road trade bigger than ASEAN trade",
            "br-trade-2020-total",
            "asean-trade-2020",
        ),
        ("did rail trade grow faster than ASEAN trade", "br-rail-trade-growth", "asean-trade-2020"),
        (
            "did Xidesheng's exports grow faster than China's belt and road trade",
            "xidesheng-exports-2020-h2",
            "br-trade-2020-growth",
        ),
        (
            "how does ASEAN trade compare with belt and road trade",
            "asean-trade-2020",
            "br-trade-2020-total",
        ),
        (
            "compare the growth of rail trade and ASEAN trade",
            "br-rail-trade-growth",
            "asean-trade-2020",
        ),
    ],
)
def test_a_comparison_is_answered_by_both_sides(
    run: Run, question: str, one: str, other: str
) -> None:
    """Each side's best record is among the first two: one question matched both sides'
    words together, and one side came first, often alone."""
    for memory in (False, True):
        assert set(ids(run, question, memory=memory)[:2]) == {one, other}


def test_a_comparison_with_a_side_nothing_answers_is_one_question(run: Run) -> None:
    assert finds_nothing(run, "is ASEAN trade bigger than trade with Africa")


@pytest.mark.parametrize(
    "question",
    [
        "what was rail trade worth in yuan",  # ASEAN's 4.74 trillion yuan is not rail's
        "what was the value of rail trade",
        "how much trade went by sea",
        "how much did rail trade amount to in yuan",  # a sum, which the article lacks
        "how much did rail trade reach",
    ],
)
def test_what_a_question_says_is_traded_is_named_by_every_answer(run: Run, question: str) -> None:
    """A record answering under the kind floor names what the question says is traded,
    held by a record or not: the article gives rail trade's growth, not its value."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)
    assert first_everywhere(run, "how much trade went by train", "br-rail-trade-growth")


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("what does li xiangrong do at xidesheng", True),
        ("what is tu xinquan's university", True),
        ("where is tu xinquan from", True),
        ("is zhou mi an economist", True),
        ("what does the article say about mi", False),  # one word of a name alone
        ("how much did china trade with asean", False),
    ],
)
def test_a_name_typed_in_lower_case_is_a_name(question: str, person: bool) -> None:
    from brtrade.core.people import speaker_words

    speakers = [{"name": s.name} for s in BASE.speakers]
    assert about_a_person(question, speaker_words(speakers)) is person


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("what does li xiangrong do at xidesheng", "li-xiangrong"),
        ("where is tu xinquan from", "tu-xinquan"),
    ],
)
def test_a_person_asked_about_in_lower_case(run: Run, question: str, speaker: str) -> None:
    assert first_everywhere(run, question, speaker)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how well did train cargo do", "br-rail-trade-growth"),
        ("how is ASEAN trade doing", "asean-trade-2020"),
        ("how well did Xidesheng's exports do", "xidesheng-exports-2020-h2"),
    ],
)
def test_how_something_did_asks_for_a_change(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)
    seq = [stem(w) for w in words(question)]
    assert language.asks_how_it_did(seq) and language.asked_kind(seq) == "change"


def test_how_well_something_works_is_not_how_it_did() -> None:
    seq = [stem(w) for w in words("how well does the smart engine work")]
    assert not language.asks_how_it_did(seq)


def test_a_verb_is_not_the_editors_adjective_of_its_stem(run: Run) -> None:
    """'lead' is the stem of the editors' 'leading' (the largest): the vocabulary lists
    'leading partner', so 'where do the routes lead' asks where they go."""
    assert first_everywhere(
        run, "where do the new Yantian routes lead", "yantian-port-new-routes-2020"
    )
    assert first_everywhere(
        run, "which bloc is China's leading trading partner", "asean-largest-partner-2020"
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how much did ASEAN trade amount to", "asean-trade-2020"),
        ("how much did belt and road trade reach", "br-trade-2020-total"),
        ("how much did trade with ASEAN total", "asean-trade-2020"),
    ],
)
def test_how_much_something_amounted_to_is_a_sum(run: Run, question: str, answer: str) -> None:
    assert first_everywhere(run, question, answer)


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("what was China's total trade in 2020", True),
        ("how much did China's overall foreign exports grow", True),
        ("what was the entire trade of the country", True),
        ("what was the total of belt and road trade", False),  # of something
        ("what was the total value of Xidesheng's exports", False),
        ("how much did trade grow", False),
    ],
)
def test_a_question_asking_for_a_whole_flow(question: str, total: bool) -> None:
    assert asking.asks_for_a_total(words(question)) is total


@pytest.mark.parametrize(
    "question",
    [
        "what was China's total trade in 2020",  # the article gives parts of it only
        "how much did China's total foreign trade grow in 2020",
        "what were China's total exports in 2020",
    ],
)
def test_a_whole_flow_is_not_answered_by_a_partner_s(run: Run, question: str) -> None:
    """Belt & Road trade and ASEAN trade are China's trade *with* someone: neither is its
    total, which the article does not give (it gives the Belt & Road share of it)."""
    assert finds_nothing(run, question) and finds_nothing(run, question, memory=True)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("how big was China's overall trade with belt and road countries", "br-trade-2020-total"),
        (
            "what share of China's total trade was with belt and road countries",
            "br-trade-2020-share",
        ),
        ("what was China's total trade with ASEAN", "asean-trade-2020"),
    ],
)
def test_a_whole_flow_with_a_partner_named_is_the_partner_s(
    run: Run, question: str, answer: str
) -> None:
    assert first_everywhere(run, question, answer)


class _Measures:
    def __init__(self, measures: dict[int, list[str]]) -> None:
        self.given = measures

    def measures(self, ords: Sequence[int]) -> dict[int, list[str]]:
        return {o: self.given.get(o, []) for o in ords}


def test_an_answer_to_a_whole_flow_measures_one_unscoped() -> None:
    from brtrade.core.figured import of_a_whole_flow

    store = _Measures(
        {
            0: ["China's trade volume with ASEAN"],
            1: ["China's total imports and exports"],
            2: [],
            3: ["exports to countries along the routes", "the company's export value"],
        }
    )
    ranked = [(o, 10 - o, 1) for o in range(4)]
    assert [o for o, _, _ in of_a_whole_flow(ranked, store)] == [1, 3]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("which trade grew fastest", "sorted by its change, 34.4 % (greatest first)"),
        ("what is the story about", "the lead: it cites ¶1, the first paragraph of br-trade-2020"),
        (
            "did rail trade grow faster than ASEAN trade",
            "side 1 of the comparison: 'did rail trade grow'",
        ),
    ],
)
def test_explain_says_why_an_answer_is_placed_where_its_score_is_not(
    run: Run, question: str, order: str
) -> None:
    for memory in (False, True):
        flag = ["--no-cache"] if memory else []
        rows = json.loads(run(*flag, "facts", question, "--explain", "--json").stdout)
        assert rows[0]["explain"]["order"] == order
        table = run(*flag, "facts", question, "--explain", "--limit", "1").stdout
        assert " ".join(table.split()).count(" ".join(order.split())) == 1


def test_explain_of_a_ranked_answer_has_no_order(run: Run) -> None:
    rows = json.loads(run("facts", "how much did ASEAN trade grow", "--explain", "--json").stdout)
    assert "order" not in rows[0]["explain"]

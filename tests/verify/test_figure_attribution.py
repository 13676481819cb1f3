"""A figure a draft reports as a speaker's words ('Zhou Mi said rail trade grew 34.4
percent') is misattributed when the base gives it as another speaker's or as the
article's own; it is supported when the base gives it as theirs, and when the sentence
reports no one (brtrade.core.verify._reporter, _misattributed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Run

DATA_FIGURES = [  # the article's own: 'Data showed ...', no speaker
    "rail trade with Belt and Road countries grew 34.4 percent",
    "ASEAN trade totaled 4.74 trillion yuan",
    "trade with Belt and Road countries rose 1 percent",
]
LI = "Shenzhen Xidesheng Bicycle Company's export value rose 30 percent in the second half of 2020"


def verdicts(run: Run, tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    result = run("verify", str(draft), "--json")
    assert result.exit_code in (0, 1), result.stderr
    return [
        (f["verdict"], f["speaker"]) for f in json.loads(result.stdout) if f["kind"] == "figure"
    ]


@pytest.mark.parametrize("figure", DATA_FIGURES)
@pytest.mark.parametrize(
    "form", ["{who} said {what}.", "According to {who}, {what}.", "{What}, {who} said."]
)
@pytest.mark.parametrize("who", ["Zhou Mi", "Tu Xinquan", "Li Xiangrong"])
def test_the_articles_own_figure_given_as_a_speakers_words_is_misattributed(
    run: Run, tmp_path: Path, figure: str, form: str, who: str
) -> None:
    text = form.format(who=who, what=figure, What=figure[0].upper() + figure[1:])
    assert verdicts(run, tmp_path, text) == [("misattributed", who)]


@pytest.mark.parametrize("who", ["Zhou Mi", "Tu Xinquan"])
def test_another_speakers_figure_is_misattributed(run: Run, tmp_path: Path, who: str) -> None:
    assert verdicts(run, tmp_path, f"{who} said {LI}.") == [("misattributed", who)]


@pytest.mark.parametrize(
    "text",
    [
        f"Li Xiangrong said {LI}.",  # the base gives it as his words
        f"Li Xiangrong, secretary to the board chairman, said {LI}.",
        f"{LI}.",  # no one reported
        "Rail trade grew 34.4 percent, and Zhou Mi said cooperation held up.",  # not his
        "While rail trade grew 34.4 percent, Tu Xinquan said diversification worked.",
    ],
)
def test_a_figure_given_as_its_speakers_or_no_ones_is_supported(
    run: Run, tmp_path: Path, text: str
) -> None:
    assert [v for v, _ in verdicts(run, tmp_path, text)] == ["supported"]


def test_a_family_name_the_draft_gives_another_is_not_the_speaker(run: Run, tmp_path: Path) -> None:
    text = (
        "Li Xiangrong works for a bicycle maker.\n"
        "Premier Li said rail trade with Belt and Road countries grew 34.4 percent.\n"
    )
    assert [v for v, _ in verdicts(run, tmp_path, text)] != ["misattributed"]
    alone = "Li Xiangrong works for a bicycle maker.\nLi said rail trade grew 34.4 percent.\n"
    assert verdicts(run, tmp_path, alone) == [("misattributed", "Li")]


@pytest.mark.parametrize("verb", ["noted that", "stressed that", "explained that", "said that"])
@pytest.mark.parametrize("who", ["Tu Xinquan", "Zhou Mi"])
def test_the_verb_that_reports_a_figure_does_not_choose_its_claim(
    run: Run, tmp_path: Path, verb: str, who: str
) -> None:
    # 'noted that' weighed as words of the sentence, and ASEAN's trade fell under the
    # bar 'said' left it above: not found, where it is the article's, not theirs
    text = (
        f"{who} {verb} ASEAN became China's largest trading partner, with trade of "
        "4.74 trillion yuan.\n"
    )
    assert verdicts(run, tmp_path, text) == [("misattributed", who)]

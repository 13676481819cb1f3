"""'Which country in ASEAN', 'which ASEAN member': a question asking for one member of a
bloc is answered by a record naming a member, never by the bloc's own record
(brtrade.core.paraphrase.one_member_asked)."""

from __future__ import annotations

import pytest

from tests.helpers import Run, answer_ids


@pytest.mark.parametrize(
    "question",
    [
        "which country in ASEAN is China's biggest partner",
        "which ASEAN member traded most with China",
        "what nation of ASEAN is China's largest trading partner",
        "which ASEAN country saw trade with China rise 7 percent",
    ],
)
def test_the_bloc_is_no_answer_for_one_of_its_members(run: Run, question: str) -> None:
    found = answer_ids(run, question)
    assert "asean-largest-partner-2020" not in found
    assert "asean-trade-2020" not in found


@pytest.mark.parametrize(
    "question",
    [
        "which ASEAN countries got new routes from Yantian",
        "which country of ASEAN did the Yantian routes reach",
        "which ASEAN members do the routes go to",
    ],
)
def test_a_record_naming_members_answers(run: Run, question: str) -> None:
    assert answer_ids(run, question)[:1] == ["yantian-port-new-routes-2020"]


def test_a_name_without_members_in_the_base_is_asked_as_written(run: Run) -> None:
    # the base names no member of the Belt and Road: its countries are the article's words
    found = answer_ids(run, "which belt and road countries are now linked directly to Yantian")
    assert found[:1] == ["yantian-port-new-routes-2020"]

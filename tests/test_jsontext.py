"""brtrade's indented JSON writer writes exactly what the standard library writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brtrade.render import jsontext

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=40,
)


def standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


@settings(max_examples=400)
@given(VALUES)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


@pytest.mark.parametrize(
    "value",
    [
        {1: "a", "b": [2.5, {True: None}]},  # keys that are not strings
        [{"a": {}}, [], [[]], {"x": [{}]}],
        "\u2028 \x1b \ud800"[:-1] + "é",
        [10**30, -0.0, 1e-7, 1e16],
    ],
)
def test_the_cases_it_hands_over(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), [1, {"x": -float("inf")}]])
def test_nan_and_infinity_are_refused_as_json_refuses_them(bad: Any) -> None:
    with pytest.raises(ValueError):
        jsontext.dumps(bad)
    with pytest.raises(ValueError):
        standard(bad)


@given(
    st.dictionaries(st.text(max_size=5), VALUES, max_size=3),
    st.lists(VALUES, max_size=5),
)
def test_a_list_written_an_item_at_a_time_is_the_same_text(head: dict, items: list) -> None:
    """to_json_chunks writes {**head, key: items} an item at a time, byte for byte."""
    from brtrade.render.formats import to_json, to_json_chunks

    head.pop("items", None)
    assert "".join(to_json_chunks(head, "items", iter(items))) == to_json({**head, "items": items})

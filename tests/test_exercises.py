"""Self-checks say right or wrong without the solution; kappa as in the textbook."""

from __future__ import annotations

import math

import pytest

from analysis import agreement_table, check_answer


@pytest.mark.parametrize("answer, expected, right", [
    (None, 3, None),
    (3, 3, True),
    (3.04, 3.0, False),
    ("  PYONGYANG", "pyongyang", True),
    (["b", "a"], {"a", "b"}, True),
    (["a"], {"a", "b"}, False),
    ("3", 3, False),
])
def test_check_answer(answer, expected, right):
    message = check_answer("answer_1", answer, expected, hint="look again")
    if right is None:
        assert "not answered yet" in message
    else:
        assert message.endswith("right.") == right
        assert str(expected) not in message.replace("answer_1", "")  # never the solution


def test_check_answer_with_tolerance():
    assert check_answer("a", 0.78, 0.7812, tolerance=0.01) == "a: right."


def test_agreement_table_kappa():
    # two annotators, 10 items: 8 agreements; each says "yes" 5 times -> p_e = 0.5
    a = ["yes"] * 5 + ["no"] * 5
    b = ["yes"] * 4 + ["no"] + ["yes"] + ["no"] * 4
    table = agreement_table({"a": a, "b": b, "detector": a})
    row = table.iloc[0]
    assert (row["a"], row["b"], row["items"]) == ("a", "b", 10)
    assert row["agreement"] == 0.8 and row["kappa"] == pytest.approx(0.6)  # (0.8-0.5)/(1-0.5)
    assert table.iloc[1]["kappa"] == 1.0
    partial = agreement_table({"a": [1, None, 0], "b": [1, 1, 0]})
    assert partial.loc[0, "items"] == 2
    assert math.isnan(agreement_table({"a": [1, 1], "b": [1, 1]}).loc[0, "kappa"])
    with pytest.raises(ValueError, match="same items"):
        agreement_table({"a": [1], "b": [1, 0]})

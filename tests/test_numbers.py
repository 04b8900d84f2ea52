"""Numbers for people: counts whole, shares in percent, no float noise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import human, human_figures, human_table


@pytest.mark.parametrize("value, share, expected", [
    (535.0, False, "535"),
    (np.int64(535), False, "535"),
    (12345, False, "12,345"),
    (3.9271, False, "3.93"),
    (0.78, True, "78%"),
    (0.7647, True, "76%"),
    (None, False, "n/a"),
    (math.nan, True, "n/a"),
    ("Reuters", False, "Reuters"),
])
def test_human(value, share, expected):
    assert human(value, share=share) == expected


def test_human_figures_reads_shares_by_name():
    table = human_figures({"words": 535.0, "hedges per 100 words": 3.925,
                           "share of hedged sentences": 0.765, "boosters per hedge": 0.095},
                          shares=["boosters per hedge"])
    assert table.to_dict() == {"words": "535", "hedges per 100 words": "3.92",
                               "share of hedged sentences": "76%", "boosters per hedge": "10%"}


def test_human_table_formats_column_by_column():
    table = pd.DataFrame({"term": ["pyongyang", "rpdc"], "count": [5, 3],
                          "per_million": [9345.794, 5607.477], "named-source share": [0.819, 0.5],
                          "p": [0.0, 0.0612], "log_ratio": [13.1203, math.nan],
                          "flag": [True, False]}, index=["a", "b"])
    shown = human_table(table, digits={"per_million": 0, "log_ratio": 1})
    assert shown.to_dict("list") == {
        "term": ["pyongyang", "rpdc"], "count": ["5", "3"], "per_million": ["9,346", "5,607"],
        "named-source share": ["82%", "50%"], "p": ["<0.001", "0.061"],
        "log_ratio": ["13.1", "n/a"], "flag": [True, False]}
    assert list(shown.index) == ["a", "b"]
    assert table["count"].tolist() == [5, 3]  # the table itself is left as it was


def test_human_table_keeps_a_columns_decimals_alike():
    table = pd.DataFrame({"lift": [1.83, 2.0, math.nan], "hits": [1399.0, 68.0, 5.0]})
    assert human_table(table).to_dict("list") == {"lift": ["1.83", "2.00", "n/a"],
                                                  "hits": ["1,399", "68", "5"]}


def test_human_table_shares_by_name_and_one_digits_for_all():
    table = pd.DataFrame({"precision": [0.9941], "g2": [2.0]})
    assert human_table(table, shares=["precision"], digits=1).to_dict("list") == {
        "precision": ["99%"], "g2": ["2"]}
    assert human_table(table, shares=["precision"], percent_digits=1)["precision"].tolist() == [
        "99.4%"]


def test_human_table_significant_figures_for_values_across_magnitudes():
    table = pd.DataFrame({"ref_per_million": [0.015, 1.05, 17.4, 105.0, 12345.6, math.nan]})
    assert human_table(table, significant=["ref_per_million"])["ref_per_million"].tolist() == [
        "0.015", "1.05", "17.4", "105", "12,346", "n/a"]

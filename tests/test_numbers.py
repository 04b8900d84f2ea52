"""Numbers for people: counts whole, shares in percent, no float noise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis import human, human_figures


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

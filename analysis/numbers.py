"""Numbers for people: counts without decimals, shares as percentages, one separator style.

pandas shows a column that mixes counts and shares as floats (``535.000`` words beside
``0.765``); a reader of a chapter or of the report wants ``535`` and ``77%``. These helpers turn
figures into the strings a table shows, and leave the computing to the numbers themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from numbers import Integral, Real

import pandas as pd


def human(value: object, *, share: bool = False, digits: int = 2) -> str:
    """One figure as a reader wants to see it.

    Parameters
    ----------
    value : number or None
    share : bool
        A proportion in [0, 1], shown as a whole percentage.
    digits : int
        Decimals of a number that is not whole.

    Returns
    -------
    str
        ``"535"``, ``"12,345"``, ``"3.93"``, ``"78%"``; ``"n/a"`` for None or NaN.

    Examples
    --------
    >>> human(535.0), human(12345), human(3.9271), human(0.78, share=True), human(None)
    ('535', '12,345', '3.93', '78%', 'n/a')
    """
    if value is None or (isinstance(value, Real) and math.isnan(value)):
        return "n/a"
    if not isinstance(value, Real):
        return str(value)
    if share:
        return f"{value:.0%}"
    if isinstance(value, Integral) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def human_figures(figures: Mapping[str, object], shares: Iterable[str] = (), *,
                  name: str = "value") -> pd.Series:
    """A table of an article's figures as strings: counts whole, shares in percent.

    Parameters
    ----------
    figures : mapping
        Figure name -> value.
    shares : iterable of str
        The names of the figures that are proportions; a name containing "share" is one too.
    name : str
        The name of the returned Series.

    Returns
    -------
    pandas.Series
        Indexed by figure name, in the mapping's order.
    """
    shares = set(shares)
    return pd.Series({key: human(value, share=key in shares or "share" in key)
                      for key, value in figures.items()}, name=name, dtype=object)

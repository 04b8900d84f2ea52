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


def human(value: object, *, share: bool = False, digits: int = 2,
          percent_digits: int = 0) -> str:
    """One figure as a reader wants to see it.

    Parameters
    ----------
    value : number or None
    share : bool
        A proportion in [0, 1], shown as a whole percentage.
    digits : int
        Decimals of a number that is not whole.
    percent_digits : int
        Decimals of a share's percentage (an accuracy of 0.954 is ``"95.4%"`` with 1).

    Returns
    -------
    str
        ``"535"``, ``"12,345"``, ``"3.93"``, ``"78%"``; ``"n/a"`` for None or NaN.

    Examples
    --------
    >>> human(535.0), human(12345), human(3.9271), human(0.78, share=True), human(None)
    ('535', '12,345', '3.93', '78%', 'n/a')
    >>> human(0.954, share=True, percent_digits=1)
    '95.4%'
    """
    if value is None or (isinstance(value, Real) and math.isnan(value)):
        return "n/a"
    if not isinstance(value, Real):
        return str(value)
    if share:
        return f"{value:.{percent_digits}%}"
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


def human_table(table: pd.DataFrame, shares: Iterable[str] = (), *,
                digits: int | Mapping[str, int] = 2, pvalues: Iterable[str] = ("p",),
                percent_digits: int = 0, significant: Iterable[str] = ()) -> pd.DataFrame:
    """A table with its numbers as a reader wants them, column by column (for display only).

    Parameters
    ----------
    table : pandas.DataFrame
    shares : iterable of str
        Columns that hold proportions, shown as percentages; a column whose name contains
        "share" is one too.
    digits : int or mapping
        Decimals of numbers that are not whole: one for every column, or column -> decimals
        (columns not named keep 2).
    pvalues : iterable of str
        Columns of p-values: three decimals, and ``"<0.001"`` below that.
    percent_digits : int
        Decimals of the percentages.
    significant : iterable of str
        Columns whose values span orders of magnitude (0.015 beside 105): three significant
        figures below 100, whole numbers above.

    Returns
    -------
    pandas.DataFrame
        The same index and columns; numeric columns as strings (:func:`human`: a column of
        whole numbers without decimals, any other with the same decimals in every row), the
        others as they were.

    Examples
    --------
    >>> table = pd.DataFrame({"count": [5.0, 12000.0], "named share": [0.8194, 0.5],
    ...                       "g2": [80.9632, 3.5], "p": [0.0, 0.0612]})
    >>> human_table(table, digits={"g2": 1}).to_dict("list")
    {'count': ['5', '12,000'], 'named share': ['82%', '50%'], 'g2': ['81.0', '3.5'], \
'p': ['<0.001', '0.061']}
    """
    shares, pvalues, significant = set(shares), set(pvalues), set(significant)
    out = table.copy()
    for column in table.columns:
        values = table[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        name = str(column)
        if name in pvalues:
            out[column] = [human(v) if v is None or math.isnan(v)
                           else "<0.001" if v < 0.001 else f"{v:.3f}" for v in values]
            continue
        if name in significant:
            out[column] = [human(v, digits=0) if v is None or math.isnan(v) or abs(v) >= 100
                           else f"{v:.3g}" for v in values]
            continue
        places = digits.get(name, 2) if isinstance(digits, Mapping) else digits
        share = name in shares or "share" in name
        known = values.dropna()
        if not share and not (known == known.round()).all():
            # one number of decimals down a column of measures: 2.00 beside 1.83, not 2
            out[column] = [human(v) if pd.isna(v) else f"{v:,.{places}f}" for v in values]
            continue
        out[column] = [human(v, share=share, digits=places, percent_digits=percent_digits)
                       for v in values]
    return out

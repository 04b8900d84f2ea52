"""Lexicons are data: CSV files in ``analysis/lexicons/`` loaded once and cached.

Every file has at least the columns ``pattern``, ``language``, ``gloss`` and ``reference``
(a row may leave ``reference`` empty when the row above it names the same source).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from .errors import message
from .language import SUPPORTED_LANGUAGES

LEXICON_DIR = Path(__file__).parent / "lexicons"
BASE_COLUMNS = ("pattern", "language", "gloss", "reference")
#: Category of the rows of a cue lexicon (hedges, reporting verbs) that are fixed expressions
#: holding a cue word without being a cue ("il prima possibile", "vale a dire"): they block the
#: cue they overlap.
NOT_A_CUE = "none"


@cache
def _read(name: str) -> pd.DataFrame:
    path = LEXICON_DIR / f"{name}.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    missing = [c for c in BASE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(message("lexicon", path=path, missing=missing, found=list(table.columns)))
    # An empty reference means "same source as the row above": fill it so every row cites one.
    table["reference"] = table["reference"].replace("", pd.NA).ffill().fillna("")
    return table


def load_lexicon(name: str, language: str | None = None) -> pd.DataFrame:
    """Load the lexicon ``analysis/lexicons/<name>.csv``.

    Parameters
    ----------
    name : str
        File name without ``.csv``, e.g. ``"months"``.
    language : str, optional
        Keep only the rows of this language code (``"it"``, ``"en"``).

    Returns
    -------
    pandas.DataFrame
        A copy of the table, one row per entry, all columns as strings.
    """
    table = _read(name)
    if language is not None:
        table = table[table["language"] == language]
    return table.reset_index(drop=True).copy()


@cache
def reporting_verbs(language: str) -> frozenset[str]:
    """The single-word reporting verbs of ``reporting_verbs_<language>.csv`` (lemmas), read by
    sourcing (cues) and hedging (the future in the past under a reporting verb)."""
    table = load_lexicon(f"reporting_verbs_{language}")
    return frozenset(pattern for pattern, category in zip(table["pattern"], table["category"])
                     if category != "preposition" and " " not in pattern)


@cache
def _closed_class_table() -> pd.DataFrame:
    table = load_lexicon("closed_class")
    described = set(load_lexicon("closed_classes")["pattern"])
    used = set(table["class"])
    if used != described:
        raise ValueError(message("lexicon_classes", path=LEXICON_DIR / "closed_class.csv",
                                 undescribed=sorted(used - described),
                                 unused=sorted(described - used)))
    return table


def closed_class(name: str) -> dict[str, frozenset[str]]:
    """The words of one closed class (``closed_class.csv``; the classes are described in
    ``closed_classes.csv``), by language.

    Parameters
    ----------
    name : str
        A class, e.g. ``"determiner"`` or ``"complementiser"``.

    Returns
    -------
    dict
        Every supported language -> its words of the class (empty when it has none).
    """
    table = _closed_class_table()
    rows = table[table["class"] == name]
    if rows.empty:
        raise ValueError(message("choice", name="closed class", allowed=sorted(set(table["class"])),
                                 value=name))
    return {lang: frozenset(rows.loc[rows["language"] == lang, "pattern"])
            for lang in SUPPORTED_LANGUAGES}


def closed_class_values(name: str) -> dict[str, dict[str, str]]:
    """:func:`closed_class` with each word's ``value`` (e.g. what a pronoun may stand for)."""
    words = closed_class(name)
    table = _closed_class_table()
    rows = table[table["class"] == name]
    return {lang: dict(zip(rows.loc[rows["language"] == lang, "pattern"],
                           rows.loc[rows["language"] == lang, "value"]))
            for lang in words}

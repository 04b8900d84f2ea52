"""Self-check exercises and class agreement: the cells that tell a student how they did.

A chapter's "Your turn" exercise asks for a value (``answer_1 = ...``); the cell after it calls
:func:`check_answer`, which says whether the answer is right, without printing the solution
(the worked solutions are in each chapter's appendix). :func:`agreement_table` computes Cohen's
kappa between every pair of annotators (students and the detector) for the class exercise of
chapter 04.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from numbers import Real

import pandas as pd


def _same(answer: object, expected: object, tolerance: float) -> bool:
    if isinstance(expected, Real) and not isinstance(expected, bool):
        return isinstance(answer, Real) and abs(float(answer) - float(expected)) <= tolerance
    if isinstance(expected, str):
        return isinstance(answer, str) and answer.strip().casefold() == expected.casefold()
    if isinstance(expected, (set, frozenset, list, tuple)):
        try:
            return {str(a).casefold() for a in answer} == {str(e).casefold() for e in expected}
        except TypeError:
            return False
    return answer == expected


def check_answer(name: str, answer: object, expected: object, *, hint: str = "",
                 tolerance: float = 0.0) -> str:
    """Say whether ``answer`` is right, without giving ``expected`` away.

    Parameters
    ----------
    name : str
        The variable the student fills in (``"answer_1"``), named in the message.
    answer : object
        The student's answer; ``None`` means not answered yet.
    expected : object
        The right answer, computed by the chapter from the article (so the check holds on any
        corpus). Strings compare without case, collections as sets, numbers within
        ``tolerance``.
    hint : str
        Said when the answer is wrong.
    tolerance : float
        Largest accepted difference for a numeric answer.

    Returns
    -------
    str
        The message (also what the cell shows).

    Examples
    --------
    >>> check_answer("answer_1", None, 3)
    'answer_1: not answered yet. Write your answer in answer_1 and run this cell again.'
    >>> check_answer("answer_1", 3, 3)
    'answer_1: right.'
    >>> check_answer("answer_1", "Pyongyang ", "pyongyang")
    'answer_1: right.'
    >>> check_answer("answer_1", 2, 3, hint="count the headline too")
    'answer_1: not yet. Hint: count the headline too'
    """
    if answer is None:
        return f"{name}: not answered yet. Write your answer in {name} and run this cell again."
    if _same(answer, expected, tolerance):
        return f"{name}: right."
    return f"{name}: not yet." + (f" Hint: {hint}" if hint else "")


def agreement_table(labels: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """Cohen's kappa and raw agreement between every pair of annotators.

    Cohen's kappa (Cohen 1960, doi:10.1177/001316446002000104) corrects the share of items two
    annotators label alike for the agreement expected by chance from how often each uses each
    label: 1 is perfect agreement, 0 no better than chance.

    Parameters
    ----------
    labels : mapping
        Annotator name -> one label per item, every annotator the same items in the same order.
        Items anyone left as None are left out of every pair.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, b, items, agreement, kappa`` (3 decimals; kappa NaN when both annotators
        used a single label, where chance agreement is total).

    Raises
    ------
    ValueError
        When the annotators labelled different numbers of items.
    """
    from sklearn.metrics import cohen_kappa_score

    lengths = {name: len(values) for name, values in labels.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"every annotator must label the same items; lengths: {lengths}")
    keep = [i for i in range(next(iter(lengths.values()), 0))
            if all(values[i] is not None for values in labels.values())]
    rows = []
    for a, b in combinations(labels, 2):
        first = [labels[a][i] for i in keep]
        second = [labels[b][i] for i in keep]
        same = sum(x == y for x, y in zip(first, second, strict=True))
        single = len(set(first) | set(second)) < 2
        kappa = float("nan") if single or not keep else cohen_kappa_score(first, second)
        rows.append({"a": a, "b": b, "items": len(keep),
                     "agreement": round(same / len(keep), 3) if keep else float("nan"),
                     "kappa": round(float(kappa), 3)})
    return pd.DataFrame(rows, columns=["a", "b", "items", "agreement", "kappa"])

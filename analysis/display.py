"""Pictures and highlighted text: one matplotlib style, displaCy span rendering, tables.

Every figure helper returns the matplotlib ``Axes`` it drew on, titled and with labelled axes,
so a notebook cell can end with ``plt.show()``. Highlighted text is rendered with displaCy's
span style, which escapes the article text (articles are untrusted input).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from spacy import displacy
from spacy.tokens import Doc

from .nlp import ParsedArticle

#: Colours assigned to categories in order of first appearance (colour-blind safe, Okabe-Ito
#: followed by the lighter tab20 shades).
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d",
)

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
    "savefig.bbox": "tight",
}


def use_style() -> None:
    """Apply the workbook's matplotlib style (call once at the top of a notebook)."""
    mpl.rcParams.update(STYLE)


def colors_for(categories: Iterable[str]) -> dict[str, str]:
    """Give each category a colour from :data:`PALETTE`, in sorted order (stable across runs)."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(sorted(set(categories)))}


def barh(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str = "",
    color: str = PALETTE[4],
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Horizontal bar chart of a ranked series (largest at the top).

    Parameters
    ----------
    values : pandas.Series
        Index = labels, values = bar lengths.
    title, xlabel, ylabel : str
        Figure title and axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.32 * len(values) + 1)))
    ordered = values.iloc[::-1]
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color=color)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", visible=False)
    return ax


def _region_doc(parsed: ParsedArticle, start: int, end: int) -> tuple[Doc, int] | None:
    """A standalone Doc of the tokens inside a character region, and its first token index."""
    tokens = [t for t in parsed.doc if t.idx >= start and t.idx + len(t) <= end]
    if not tokens:
        return None
    return parsed.doc[tokens[0].i : tokens[-1].i + 1].as_doc(), tokens[0].i


def highlight(
    parsed: ParsedArticle,
    spans: Iterable[tuple[int, int, str]],
    *,
    colors: Mapping[str, str] | None = None,
    key: str = "highlights",
) -> str:
    """Render the article's headline and body with labelled spans, as escaped HTML.

    Parameters
    ----------
    parsed : ParsedArticle
    spans : iterable of (start, end, label)
        Character offsets into ``parsed.article.text``; each is widened to whole tokens.
        Overlapping spans are drawn stacked (displaCy's span style).
    colors : mapping, optional
        Label -> colour; by default :func:`colors_for` the labels present.
    key : str
        The ``doc.spans`` key the spans are stored under.

    Returns
    -------
    str
        HTML: a legend, then one block per region (headline, body). Show it in a notebook with
        ``IPython.display.HTML``.
    """
    spans = list(spans)
    colors = dict(colors or colors_for(label for _, _, label in spans))
    blocks = [legend(colors)]
    for name, (start, end) in zip(_region_names(parsed), parsed.article.content_spans()):
        region = _region_doc(parsed, start, end)
        if region is None:
            continue
        doc, offset = region
        doc.spans[key] = [
            s for s in (
                doc.char_span(max(a, start) - parsed.doc[offset].idx,
                              min(b, end) - parsed.doc[offset].idx,
                              label=label, alignment_mode="expand")
                for a, b, label in spans if a < end and b > start
            ) if s is not None
        ]
        markup = displacy.render(doc, style="span", jupyter=False,
                                 options={"spans_key": key, "colors": colors})
        blocks.append(f'<div class="mw-region"><h4>{html.escape(name)}</h4>{markup}</div>')
    return "\n".join(blocks)


def _region_names(parsed: ParsedArticle) -> Sequence[str]:
    regions = parsed.article.content_spans()
    return ("Headline", "Body") if len(regions) == 2 else ("Text",)


def legend(colors: Mapping[str, str]) -> str:
    """An HTML legend: one coloured swatch per label (labels escaped)."""
    items = "".join(
        f'<span style="display:inline-block;margin:0 12px 4px 0">'
        f'<span style="display:inline-block;width:12px;height:12px;background:{c};'
        f'margin-right:4px;vertical-align:middle"></span>{html.escape(label)}</span>'
        for label, c in colors.items()
    )
    return f'<div class="mw-legend"><strong>Legend:</strong> {items}</div>'

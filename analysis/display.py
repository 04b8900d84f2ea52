"""Pictures and highlighted text: one matplotlib style, displaCy span rendering, tables.

Every figure helper returns the matplotlib ``Axes`` it drew on, titled and with labelled axes,
so a notebook cell can end with ``plt.show()``. Highlighted text is rendered with displaCy's
span style through :func:`render_displacy`, which escapes the article text and every label
(articles are untrusted input, and labels such as topic terms come from them).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from spacy import displacy
from spacy.tokens import Doc, Span

from .corpus import Article
from .errors import check_choice
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
    """Apply the workbook's matplotlib style and table display options (call once at the top
    of a notebook)."""
    mpl.rcParams.update(STYLE)
    pd.set_option("display.max_colwidth", 100)
    pd.set_option("display.precision", 3)


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
        markup = render_displacy(doc, style="span", options={"spans_key": key, "colors": colors})
        blocks.append(f'<div class="mw-region"><h4>{html.escape(name)}</h4>{markup}</div>')
    return "\n".join(blocks)


#: The fields of displaCy's parsed data that its renderers write into the page unescaped: per
#: style, the list in the data and the fields of each item (displaCy escapes only token text).
_UNESCAPED_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "span": {"spans": ("label", "kb_id", "kb_url")},
    "dep": {"words": ("tag", "lemma"), "arcs": ("label",)},
}


def render_displacy(doc: Doc, *, style: str = "span",
                    options: Mapping[str, object] | None = None) -> str:
    """displaCy's markup of ``doc`` (``"span"`` or ``"dep"`` style) with every string escaped.

    displaCy escapes the token text but writes span labels, knowledge-base ids, tags, lemmas
    and arc labels into the page as they are; here each of them is escaped first (labels such
    as topic terms come from the article, which is untrusted input).

    Parameters
    ----------
    doc : spacy.tokens.Doc
    style : {"span", "dep"}
    options : mapping, optional
        displaCy's options for the style; ``colors`` is keyed by the labels as given.

    Returns
    -------
    str
        HTML (span style) or SVG (dep style) markup.
    """
    check_choice(style, _UNESCAPED_FIELDS, "style")
    options = dict(options or {})
    converter = displacy.parse_spans if style == "span" else displacy.parse_deps
    data = converter(doc, options)
    for part, fields in _UNESCAPED_FIELDS[style].items():
        for item in data[part]:
            item.update({name: html.escape(str(item[name])) for name in fields
                         if item.get(name) is not None})
    if data.get("title") is not None:
        data["title"] = html.escape(str(data["title"]))
    if options.get("colors"):
        options["colors"] = {html.escape(str(label)): html.escape(str(color))
                             for label, color in dict(options["colors"]).items()}
    return displacy.render(data, style=style, manual=True, jupyter=False, options=options)


def _region_names(parsed: ParsedArticle) -> Sequence[str]:
    regions = parsed.article.content_spans()
    return ("Headline", "Body") if len(regions) == 2 else ("Text",)


def article_html(article: Article) -> str:
    """The article as a small escaped HTML page fragment: headline, metadata line, body
    paragraphs (line breaks in the body start paragraphs)."""
    meta = " · ".join(
        html.escape(str(value))
        for value in (article.outlet, article.published_iso, article.language)
        if value
    )
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in article.body.split("\n") if p.strip()
    )
    title = f"<h3>{html.escape(article.title)}</h3>" if article.title else ""
    return (f'<div class="mw-article" style="max-width:48em">{title}'
            f'<p style="color:#555"><em>{meta}</em></p>{paragraphs}</div>')


def legend(colors: Mapping[str, str]) -> str:
    """An HTML legend: one coloured swatch per label (labels escaped)."""
    items = "".join(
        f'<span style="display:inline-block;margin:0 12px 4px 0">'
        f'<span style="display:inline-block;width:12px;height:12px;background:{c};'
        f'margin-right:4px;vertical-align:middle"></span>{html.escape(label)}</span>'
        for label, c in colors.items()
    )
    return f'<div class="mw-legend"><strong>Legend:</strong> {items}</div>'


# --- vocabulary and topics -------------------------------------------------------------------


def keyness_bars(
    table: pd.DataFrame,
    *,
    n: int = 15,
    title: str = "Key terms against the language's word frequencies",
) -> plt.Figure:
    """Two bar charts of the top ``n`` key terms: G2 (evidence) and log ratio (effect size).

    Parameters
    ----------
    table : pandas.DataFrame
        A table from ``analysis.vocabulary.keyness`` (columns ``term, g2, log_ratio``), in the
        order to show (strongest first).
    n : int
        How many rows to draw.
    title : str
        The figure's title; each panel has its own.

    Returns
    -------
    matplotlib.figure.Figure
    """
    top = table.head(n).set_index("term")
    fig, (left, right) = plt.subplots(1, 2, sharey=True,
                                      figsize=(10, max(2.5, 0.32 * len(top) + 1.2)))
    barh(top["g2"], title="Log-likelihood (G2)", xlabel="G2 (higher: stronger evidence)",
         ylabel="term", ax=left)
    barh(top["log_ratio"], title="Log ratio", xlabel="log2 of relative frequency ratio",
         color=PALETTE[5], ax=right)
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def term_grid(
    table: pd.DataFrame,
    *,
    group: str,
    value: str,
    title: str,
    xlabel: str,
    term: str = "term",
    labels: Mapping[object, str] | None = None,
    ncols: int = 3,
) -> plt.Figure:
    """Small multiples: one horizontal bar chart of terms per group (topic, document, ...).

    Parameters
    ----------
    table : pandas.DataFrame
        Tidy rows ``group, term, value`` (e.g. ``TopicModel.topic_terms()`` with
        ``group="topic", value="weight"``, or ``TermWeights.top_terms()`` with
        ``group="document", value="tfidf"``), heaviest first within a group.
    group, value, term : str
        Column names.
    title, xlabel : str
        The figure's title and every panel's x-axis label.
    labels : mapping, optional
        Panel titles by group value; by default ``"<group> <value>"``.
    ncols : int
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    groups = list(dict.fromkeys(table[group]))
    if not groups:
        raise ValueError(f"term_grid: the table has no rows to draw (column {group!r})")
    ncols = min(ncols, len(groups))
    nrows = -(-len(groups) // ncols)
    height = max(2.5, 0.28 * table.groupby(group).size().max() + 1.2)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, height * nrows), squeeze=False)
    colors = colors_for(str(g) for g in groups)
    for ax, key in zip(axes.flat, groups, strict=False):
        rows = table[table[group] == key]
        name = labels[key] if labels else f"{group} {key}"
        barh(rows.set_index(term)[value], title=name, xlabel=xlabel, color=colors[str(key)],
             ax=ax)
        ax.title.set_fontsize(10)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def topic_heatmap(
    document_topics: pd.DataFrame,
    *,
    title: str = "Topic shares per document",
    labels: Sequence[str] | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Heatmap of documents (rows) by topics (columns), coloured by each topic's share.

    Parameters
    ----------
    document_topics : pandas.DataFrame
        ``TopicModel.document_topics()``: columns ``document, topic, share``.
    title : str
    labels : sequence of str, optional
        Column labels (e.g. ``TopicModel.topic_labels()``); by default the topic numbers.

    Returns
    -------
    matplotlib.axes.Axes
    """
    grid = document_topics.pivot(index="document", columns="topic", values="share")
    grid = grid.loc[list(dict.fromkeys(document_topics["document"]))]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 1.1 * grid.shape[1] + 3),
                                      max(3, 0.3 * grid.shape[0] + 1.5)))
    image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(grid.shape[1]),
                  labels or [str(t) for t in grid.columns], rotation=30, ha="right")
    ax.set_yticks(range(grid.shape[0]), [str(d) for d in grid.index])
    ax.grid(False)
    ax.set_title(title)
    ax.set_xlabel("topic")
    ax.set_ylabel("document")
    ax.figure.colorbar(image, ax=ax, label="share of the document")
    return ax


def coherence_by_k(
    scores: pd.DataFrame,
    *,
    chosen: int | None = None,
    title: str = "Topic coherence by number of topics",
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Line chart of mean NPMI (with the range over topics) against the number of topics.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``KChoice.scores`` from ``analysis.topics.pick_k``: columns ``k, npmi, min_npmi,
        max_npmi``.
    chosen : int, optional
        A k to mark with a vertical line.
    title : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    ax.fill_between(scores["k"], scores["min_npmi"], scores["max_npmi"], color=PALETTE[1],
                    alpha=0.3, label="range over topics")
    ax.plot(scores["k"], scores["npmi"], marker="o", color=PALETTE[4], label="mean over topics")
    if chosen is not None:
        ax.axvline(chosen, color=PALETTE[5], linestyle="--", label=f"chosen k = {chosen}")
    ax.set_xticks(list(scores["k"]))
    ax.set_title(title)
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("NPMI coherence")
    ax.legend(loc="best")
    return ax


def dependency_view(span: Span, *, compact: bool = True) -> str:
    """The dependency tree of a sentence drawn by displaCy (arcs labelled with the relation,
    words with their part of speech), as HTML for a notebook or a report.

    Parameters
    ----------
    span : spacy.tokens.Span
        A sentence of a parsed article (``ParsedArticle.sentences[i]``).
    compact : bool
        displaCy's compact mode (square arrows, less space).

    Returns
    -------
    str
        An SVG; every string from the article is escaped (:func:`render_displacy`). displaCy's
        random element ids are replaced by ids made from the sentence, so the same sentence
        always gives the same markup.
    """
    markup = render_displacy(span.as_doc(), style="dep",
                             options={"compact": compact, "distance": 95, "fine_grained": False})
    random_ids = set(re.findall(r'id="(?:arrow-)?([0-9a-f]{32})-', markup))
    stable = "dep-" + hashlib.sha1(span.text.encode("utf-8")).hexdigest()[:12]
    for random_id in random_ids:
        markup = markup.replace(random_id, stable)
    return markup

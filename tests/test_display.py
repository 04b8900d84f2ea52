"""Figures for vocabulary and topics: titled, labelled, one panel per group, no stray axes;
highlighted text and displaCy views that keep hostile labels and article strings inert."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import (  # noqa: E402
    TermWeights,
    TopicModel,
    coherence_by_k,
    keyness,
    keyness_bars,
    term_grid,
    text_units,
    topic_heatmap,
)
from analysis.corpus import parse_article  # noqa: E402
from analysis.display import highlight, render_displacy  # noqa: E402
from analysis.nlp import parse  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed_model(seed_parsed):
    return TopicModel(3).fit(text_units(seed_parsed, "sentence"))


def visible(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def test_keyness_bars(seed_parsed):
    table = keyness(seed_parsed)
    fig = keyness_bars(table, n=10, title="Key terms")
    left, right = visible(fig)
    assert fig._suptitle.get_text() == "Key terms"
    assert left.get_title() and right.get_title()
    assert left.get_xlabel() and right.get_xlabel() and left.get_ylabel()
    assert len(left.patches) == len(right.patches) == 10
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert labels[-1] == table["term"].iloc[0]  # strongest at the top


def test_term_grid_topics(seed_model):
    table = seed_model.topic_terms(6)
    fig = term_grid(table, group="topic", value="weight", title="Topics", xlabel="weight",
                    labels=dict(enumerate(seed_model.topic_labels())), ncols=2)
    axes = visible(fig)
    assert len(axes) == 3 and len(fig.axes) == 4  # the fourth cell of the 2x2 grid is hidden
    assert [ax.get_title() for ax in axes] == seed_model.topic_labels()
    assert all(ax.get_xlabel() == "weight" and len(ax.patches) == 6 for ax in axes)


def test_term_grid_tfidf_documents(seed_parsed):
    table = TermWeights().fit(text_units(seed_parsed, "paragraph")).top_terms(5)
    fig = term_grid(table, group="document", value="tfidf", title="TF-IDF", xlabel="TF-IDF")
    assert [ax.get_title() for ax in visible(fig)] == [
        f"document {d}" for d in dict.fromkeys(table["document"])]


def test_term_grid_empty_raises():
    empty = pd.DataFrame(columns=["topic", "term", "weight"])
    with pytest.raises(ValueError, match="no rows to draw"):
        term_grid(empty, group="topic", value="weight", title="t", xlabel="x")


def test_topic_heatmap(seed_model):
    docs = seed_model.document_topics()
    ax = topic_heatmap(docs, labels=seed_model.topic_labels())
    assert ax.get_title() and ax.get_xlabel() == "topic" and ax.get_ylabel() == "document"
    image = ax.images[0].get_array()
    assert image.shape == (len(seed_model.units_), 3)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [u.label for u in seed_model.units_]  # text order, not sorted labels


def test_coherence_by_k(seed_parsed):
    from analysis import pick_k

    choice = pick_k(text_units(seed_parsed, "sentence"), range(2, 5))
    ax = coherence_by_k(choice.scores, chosen=choice.k)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "NPMI coherence"
    assert list(ax.lines[0].get_xdata()) == [2, 3, 4]
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == f"chosen k = {choice.k}"


# --- escaping: labels and article text never become markup ---------------------------------

#: The frequent token of the issue's corpus: a topic term that carries markup.
HOSTILE_LABEL = "www.pwn.it/<svg/onload=document.title=navigator.vendor>/x"
HOSTILE_TEXT = ("Headline <img src=x onerror=\"document.title='text'\">\n\n"
                "Officials said <script>document.title='script'</script> the troops may move.")


@pytest.fixture(scope="module")
def hostile_parsed():
    return parse(parse_article(HOSTILE_TEXT, id="evil", format="headline", language="en"))


def hostile_spans(parsed):
    text = parsed.article.text
    start = text.index("Officials")
    return [(start, start + len("Officials said"), HOSTILE_LABEL),
            (0, len("Headline"), '"><b onmouseover=alert(1)>')]


@pytest.mark.parametrize("raw", [
    "<svg/onload=", "<img src=x", "<script>", "<b onmouseover",
])
def test_highlight_escapes_labels_and_text(hostile_parsed, raw):
    page = highlight(hostile_parsed, hostile_spans(hostile_parsed))
    assert raw not in page


def test_highlight_keeps_the_label_readable(hostile_parsed):
    page = highlight(hostile_parsed, hostile_spans(hostile_parsed))
    assert "www.pwn.it/&lt;svg/onload=document.title=navigator.vendor&gt;/x" in page
    assert page.count("#E69F00") >= 2 or page.count("#56B4E9") >= 2  # colours still applied


def test_dep_view_escapes_tags_lemmas_and_arc_labels(hostile_parsed):
    doc = hostile_parsed.doc[:3].as_doc()
    doc[0].tag_ = "<svg onload=x>"
    doc[1].lemma_ = "<img src=y>"
    doc[0].dep_, doc[0].head = "<i onclick=z>", doc[1]
    svg = render_displacy(doc, style="dep", options={"fine_grained": True, "add_lemma": True})
    assert "<svg onload" not in svg and "<img" not in svg and "<i onclick" not in svg
    assert "&lt;svg onload=x&gt;" in svg and "&lt;i onclick=z&gt;" in svg


def test_render_displacy_refuses_an_unknown_style(hostile_parsed):
    with pytest.raises(ValueError, match="style must be one of"):
        render_displacy(hostile_parsed.doc, style="ent")


@pytest.mark.browser
def test_highlight_runs_no_script_in_chromium(tmp_path, chromium, hostile_parsed):
    path = tmp_path / "highlight.html"
    path.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>clean</title>"
                    "</head><body>" + highlight(hostile_parsed, hostile_spans(hostile_parsed))
                    + "</body></html>", encoding="utf-8")
    page = chromium.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.hover("text=Officials")
    assert page.title() == "clean"
    assert page.locator("svg, img, script, b").count() == 0
    body = page.inner_text("body")
    assert HOSTILE_LABEL in body and "document.title='script'" in body
    page.close()

"""Topics: NPMI coherence, NMF/LDA determinism and tables, choosing k, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import TopicModel, coherence, load_corpus, npmi, parse, pick_k, text_units
from analysis.corpus import parse_article
from tests.conftest import shared_corpus

# Two themes per language, three documents each: a model with k=2 must tell them apart.
THEMES = {
    "en": [
        "The striker scored a goal and the goalkeeper missed the ball.",
        "The goalkeeper caught the ball before the striker could score a goal.",
        "A late goal by the striker beat the goalkeeper; the ball hit the net.",
        "Bake the bread in the oven with flour, butter and yeast.",
        "Knead the flour with yeast and butter, then bake the bread in a hot oven.",
        "Warm the oven, mix flour and butter, bake the bread slowly.",
    ],
    "it": [
        "L'attaccante ha segnato un gol e il portiere ha mancato il pallone.",
        "Il portiere ha bloccato il pallone prima che l'attaccante segnasse il gol.",
        "Un gol dell'attaccante ha battuto il portiere: il pallone è finito in rete.",
        "Cuocere il pane nel forno con farina, burro e lievito.",
        "Impastare la farina con lievito e burro, poi cuocere il pane nel forno caldo.",
        "Scaldare il forno, mescolare farina e burro, cuocere il pane lentamente.",
    ],
}


def theme_units(language: str):
    parsed = [parse(parse_article(t, id=f"{language}{i}", format="plain", language=language))
              for i, t in enumerate(THEMES[language])]
    return text_units(parsed)


# --- NPMI ----------------------------------------------------------------------------------


@pytest.mark.parametrize("column_i, column_j, expected", [
    ([1, 1, 0, 0], [1, 1, 0, 0], 1.0),  # always together
    ([1, 1, 1, 1], [1, 1, 1, 1], 1.0),  # together in every document
    ([1, 1, 0, 0], [0, 0, 1, 1], -1.0),  # never together
    ([1, 1, 0, 0], [1, 0, 1, 0], 0.0),  # independent: p(i,j) = p(i) p(j)
    # p(i)=3/4, p(j)=1/4, p(i,j)=1/4: log((1/4)/(3/16)) / -log(1/4) = log(4/3) / log(4)
    ([1, 1, 1, 0], [1, 0, 0, 0], np.log(4 / 3) / np.log(4)),
])
def test_npmi(column_i, column_j, expected):
    presence = np.array([column_i, column_j]).T
    assert npmi(presence, 0, 1) == pytest.approx(expected)
    assert npmi(presence, 1, 0) == pytest.approx(expected)  # symmetric


def test_coherence_is_the_mean_over_pairs():
    presence = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]])
    # pairs: (0,1) -> 1, (0,2) -> -1, (1,2) -> -1
    assert coherence(presence, [0, 1, 2]) == pytest.approx(-1 / 3)
    assert np.isnan(coherence(presence, [0]))


def test_vectorised_coherence_equals_the_pairwise_loop():
    """The vectorised coherence gives the old loop's value (mean of ``npmi`` over the pairs)."""
    from itertools import combinations

    from scipy import sparse

    rng = np.random.default_rng(0)
    dense = rng.random((60, 40)) < 0.2
    dense[:, 7] = True  # a term in every document
    dense[:, 9] = False  # a term in none
    presence = sparse.csr_matrix(dense)
    for top in ([0, 1, 2, 3, 4, 5, 6, 7], [7, 9, 3, 12, 30], list(range(40)), [5, 8]):
        loop = np.mean([npmi(presence, i, j) for i, j in combinations(top, 2)])
        assert coherence(presence, top) == pytest.approx(loop, rel=1e-12, abs=1e-12)


# --- models --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_two_themes_are_separated(language, method):
    model = TopicModel(2, method=method).fit(theme_units(language))
    dominant = model.document_topics_.argmax(axis=1)
    assert len(set(dominant[:3])) == 1 and len(set(dominant[3:])) == 1
    assert dominant[0] != dominant[3]


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_same_input_same_topics(seed_parsed, method):
    units = text_units(seed_parsed, "sentence")
    first = TopicModel(4, method=method).fit(units)
    second = TopicModel(4, method=method).fit(units)
    assert first.topic_terms(10).equals(second.topic_terms(10))
    assert np.array_equal(first.document_topics_, second.document_topics_)


def test_tables_are_tidy(seed_parsed):
    units = text_units(seed_parsed, "sentence")
    model = TopicModel(3).fit(units)
    terms = model.topic_terms(5)
    assert list(terms.columns) == ["topic", "rank", "term", "weight"]
    assert terms.groupby("topic").size().tolist() == [5, 5, 5]
    for _, rows in terms.groupby("topic"):
        assert rows["weight"].is_monotonic_decreasing
    docs = model.document_topics()
    assert len(docs) == len(units) * 3
    shares = docs.groupby("document", sort=False)["share"].sum()
    assert np.allclose(shares[shares > 0], 1.0)
    assert docs["start"].iloc[0] == seed_parsed.sentences[0].start_char
    assert model.topic_labels(2)[0].startswith("0: ")
    assert list(model.coherence(5).columns) == ["topic", "npmi", "terms"]


def test_pick_k_returns_a_k_in_range(seed_parsed):
    units = text_units(seed_parsed, "sentence")
    choice = pick_k(units, range(2, 6))
    assert choice.k in range(2, 6)
    assert list(choice.scores["k"]) == [2, 3, 4, 5]
    best = choice.scores.set_index("k")["npmi"]
    assert best[choice.k] == pytest.approx(best.max())
    assert (choice.scores["min_npmi"] <= choice.scores["npmi"]).all()


def test_pick_k_skips_impossible_k():
    units = theme_units("en")  # six documents
    choice = pick_k(units, [0, 2, 50])
    assert list(choice.scores["k"]) == [2]
    with pytest.raises(ValueError, match="ks must hold at least one"):
        pick_k(units, [50, 60])


@pytest.mark.parametrize("call, message", [
    (lambda u: TopicModel(2).fit([]), "no documents given"),
    (lambda u: TopicModel(2, method="lsa").fit(u), "method must be one of"),
    (lambda u: TopicModel(7).fit(u), "n_topics=7 is too many for 6 document"),
    (lambda u: TopicModel(0).fit(u), "n_topics=0"),
    (lambda u: TopicModel(2).topic_terms(), "not fitted yet"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call(theme_units("en"))


def test_units_without_terms_raise():
    parsed = parse(parse_article("It is the one.", id="x", format="plain", language="en"))
    with pytest.raises(ValueError, match="no content terms"):
        TopicModel(1).fit(text_units(parsed))


# --- a real corpus -------------------------------------------------------------------------


@pytest.mark.corpora
@pytest.mark.parametrize("language", ["it", "en"])
def test_meantime_topics_match_its_four_stories(language):
    from sklearn.metrics import adjusted_rand_score

    path = shared_corpus("meantime", f"meantime_{language}.jsonl")
    with path.open(encoding="utf-8") as lines:
        gold = {row["id"]: row["topic"] for row in map(json.loads, lines)}
    units = text_units([parse(a) for a in load_corpus(path)])
    choice = pick_k(units, range(2, 7), min_df=2, max_df=0.5)
    assert choice.k == 4  # airbus, apple, gm, stock market
    model = TopicModel(4, min_df=2, max_df=0.5).fit(units)
    found = model.document_topics_.argmax(axis=1)
    assert adjusted_rand_score([gold[u.article] for u in units], found) > 0.9

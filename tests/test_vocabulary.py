"""Vocabulary: text units, TF-IDF, the keyness statistics and keyness against wordfreq."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from analysis import Article, TermWeights, keyness, log_likelihood, log_ratio, parse, text_units
from analysis.corpus import parse_article
from analysis.vocabulary import keyness_counts, ngrams


def parsed_text(text: str, language: str, format: str = "plain", id: str = "toy"):
    return parse(parse_article(text, id=id, format=format, language=language))


# --- text units ----------------------------------------------------------------------------


@pytest.mark.parametrize("unit, expected", [("article", 1), ("paragraph", 2), ("sentence", 18)])
def test_seed_units(seed_parsed, unit, expected):
    units = text_units(seed_parsed, unit)
    assert len(units) == expected
    text = seed_parsed.article.text
    for u in units:
        assert text[u.start : u.end] == u.text
        assert seed_parsed.sentences[u.sentence].start_char == u.start


def test_seed_paragraphs_are_headline_then_body(seed_parsed):
    headline, body = text_units(seed_parsed, "paragraph")
    assert headline.text == seed_parsed.article.title
    assert body.text == seed_parsed.article.body
    assert body.sentence == seed_parsed.n_headline


@pytest.mark.parametrize("text, language, n_paragraphs", [
    ("Title here\nFirst paragraph. It has two sentences.\n\nSecond paragraph.", "en", 3),
    ("Titolo\nPrimo paragrafo. Ha due frasi.\nSecondo paragrafo.\n\nTerzo.", "it", 4),
    ("One paragraph only. With two sentences.", "en", 1),
])
def test_paragraphs_split_at_line_breaks(text, language, n_paragraphs):
    units = text_units(parsed_text(text, language, format="headline"), "paragraph")
    assert len(units) == n_paragraphs
    assert [u.label.rsplit(":", 1)[1] for u in units] == [f"p{i}" for i in range(n_paragraphs)]


def test_units_lemmatise_or_keep_forms(seed_parsed):
    first = text_units(seed_parsed, "sentence")[0].terms[0]
    forms = text_units(seed_parsed, "sentence", lemmatise=False)[0].terms[0]
    assert "truppa" in first and "truppe" not in first  # "truppe" (troops) -> lemma "truppa"
    assert "truppe" in forms


@pytest.mark.parametrize("call, message", [
    (lambda p: text_units(p, "chapter"), "unit must be one of"),
    (lambda p: text_units([], "sentence"), "no documents given"),
    (lambda p: text_units([p, parse(Article(id="blank", text=" \n ", language="en"))]),
     "article 'blank' has no sentences"),
])
def test_units_bad_input(seed_parsed, call, message):
    with pytest.raises(ValueError, match=message):
        call(seed_parsed)


@pytest.mark.parametrize("sentences, ngram_range, expected", [
    ([["a", "b", "c"]], (1, 1), ["a", "b", "c"]),
    ([["a", "b", "c"]], (2, 2), ["a b", "b c"]),
    ([["a", "b"], ["c", "d"]], (2, 3), ["a b", "c d"]),  # never across sentences
    ([["a"]], (2, 2), []),
])
def test_ngrams(sentences, ngram_range, expected):
    assert ngrams(sentences, ngram_range) == expected


# --- TF-IDF --------------------------------------------------------------------------------


TOY_TFIDF = {
    "en": ["The goalkeeper saved the penalty. The goalkeeper celebrated.",
           "The striker missed the penalty.",
           "The referee gave a penalty."],
    "it": ["L'allenatore ha chiesto il rigore. L'allenatore ha esultato.",
           "L'attaccante ha sbagliato il rigore.",
           "L'arbitro ha fischiato un rigore."],
}


@pytest.mark.parametrize("language, distinctive, shared", [
    ("en", "goalkeeper", "penalty"),
    ("it", "allenatore", "rigore"),
])
def test_tfidf_prefers_distinctive_terms(language, distinctive, shared):
    parsed = [parsed_text(t, language, id=f"d{i}") for i, t in enumerate(TOY_TFIDF[language])]
    top = TermWeights().fit(text_units(parsed)).top_terms(10)
    first = top[top["document"] == "d0"]
    assert first.iloc[0]["term"] == distinctive  # twice here, nowhere else
    weights = dict(zip(first["term"], first["tfidf"], strict=True))
    assert weights[distinctive] > weights[shared]  # in every document: lowest idf
    assert list(first["rank"]) == list(range(1, len(first) + 1))


def test_tfidf_ngrams_and_stable_order(seed_parsed):
    units = text_units(seed_parsed, "sentence")
    first = TermWeights(ngram_range=(1, 2)).fit(units).top_terms(50)
    again = TermWeights(ngram_range=(1, 2)).fit(units).top_terms(50)
    assert first.equals(again)
    assert (first["term"].str.contains(" ")).any()
    assert "corea nord" in set(first["term"])  # stop word "del" removed before n-grams
    for _, rows in first.groupby("document"):
        keys = list(zip(-rows["tfidf"], rows["term"], strict=True))
        assert keys == sorted(keys)


def test_tfidf_without_content_terms_raises():
    parsed = parsed_text("The and of it is.", "en")
    with pytest.raises(ValueError, match="no content terms"):
        TermWeights().fit(text_units(parsed))
    with pytest.raises(ValueError, match="no documents given"):
        TermWeights().fit([])


# --- the statistics ------------------------------------------------------------------------


def test_log_likelihood_against_hand_computation():
    # a=10 of c=1000 target tokens, b=100 of d=100000 reference tokens. Expected cells:
    # E11 = 110*1000/101000 = 1.08911, E21 = 108.91089, E12 = 998.91089, E22 = 99891.08911;
    # G2 = 2 (10 ln(10/1.08911) + 100 ln(100/108.91089) + 990 ln(990/998.91089)
    #         + 99900 ln(99900/99891.08911)) = 2 (22.1723 - 8.5363 - 8.8712 + 8.9118) = 27.353
    assert log_likelihood([10], [100], 1000, 100000)[0] == pytest.approx(27.353, abs=1e-3)


@pytest.mark.parametrize("a, b, c, d", [(10, 100, 1000, 100000), (3, 0, 500, 10**9),
                                        (1, 900, 700, 10**6), (50, 50, 100, 100)])
def test_log_likelihood_matches_scipy_and_sign(a, b, c, d):
    expected = chi2_contingency([[a, c - a], [b, d - b]], correction=False,
                                lambda_="log-likelihood")[0]
    value = log_likelihood([a], [b], c, d)[0]
    assert abs(value) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert np.sign(value) == np.sign(a / c - b / d)  # signed: negative when under-used


def test_williams_correction_shrinks_g2():
    plain = log_likelihood([10], [100], 1000, 100000)[0]
    corrected = log_likelihood([10], [100], 1000, 100000, correction="williams")[0]
    n = 101000
    q = 1 + (n / 110 + n / (n - 110) - 1) * (n / 1000 + n / 100000 - 1) / (6 * n)
    assert corrected == pytest.approx(plain / q)
    with pytest.raises(ValueError, match="correction must be one of"):
        log_likelihood([1], [1], 10, 10, correction="yates")


@pytest.mark.parametrize("a, b, c, d, expected", [
    (20, 10, 1000, 1000, 1.0),  # twice as frequent
    (10, 10, 1000, 1000, 0.0),
    (5, 20, 1000, 1000, -2.0),
    (4, 0, 1000, 1000, 3.0),  # zero reference frequency -> 0.5 (Hardie 2014)
])
def test_log_ratio(a, b, c, d, expected):
    assert log_ratio([a], [b], c, d)[0] == pytest.approx(expected)


# --- keyness against wordfreq ---------------------------------------------------------------


TOY_KEYNESS = {
    "en": ("pangolin", "people",
           "People saw a pangolin. People fed the pangolin. People said the pangolin slept."),
    "it": ("pangolino", "squadra",
           "La squadra ha visto un pangolino. La squadra nutre il pangolino. "
           "La squadra dice che il pangolino dorme."),
}


@pytest.mark.parametrize("language", ["en", "it"])
def test_rare_word_outranks_common_word(language):
    rare, common, text = TOY_KEYNESS[language]
    table = keyness(parsed_text(text, language))
    terms = list(table["term"])
    assert terms[0] == rare  # frequent here, rare in the language
    assert terms.index(rare) < terms.index(common)
    row = table.set_index("term").loc[rare]
    assert row["count"] == 3 and row["n"] == 1
    assert row["g2"] > 0 and row["log_ratio"] > 0 and row["p"] < 0.001
    assert not {"the", "il", "le", "un"} & set(terms)  # stop words are never candidates


def test_keyness_values_follow_the_formula(seed_parsed):
    from wordfreq import word_frequency

    table = keyness(seed_parsed).set_index("term")
    _, total = keyness_counts([seed_parsed])
    row = table.loc["truppe"]  # "troops"
    ref = word_frequency("truppe", "it")
    assert row["ref_per_million"] == pytest.approx(ref * 1e6)
    assert row["g2"] == pytest.approx(log_likelihood([row["count"]], [ref * 1e9], total, 1e9)[0])
    assert row["log_ratio"] == pytest.approx(math.log2((row["count"] / total) / ref))


def test_keyness_ngrams_on_the_seed(seed_parsed):
    table = keyness(seed_parsed, ngram_range=(1, 3))
    terms = set(table["term"])
    assert {"corea del nord", "cooperazione militare"} <= terms  # "North Korea", "military ..."
    assert "del nord" not in terms and "corea del" not in terms  # no stop word at an edge
    assert table["count"].min() >= 2
    order = list(zip(-table["g2"], table["term"], strict=True))
    assert order == sorted(order)


@pytest.mark.parametrize("text, language, ngram, expected", [
    ("North Korea said it. North Korea, again.", "en", "north korea", 2),
    ("the said North Korea.", "en", "said north", 1),
    ("Korea, North.", "en", "korea north", 0),  # punctuation breaks a run
    ("La Corea del Nord. La Corea del Nord.", "it", "corea del nord", 2),
    ("Della Corea.", "it", "della corea", 0),  # starts with a stop word
])
def test_keyness_candidate_ngrams(text, language, ngram, expected):
    counts, _ = keyness_counts([parsed_text(text, language)], (2, 3))
    assert counts[ngram] == expected


def test_keyness_bad_input(seed_parsed):
    english = parsed_text("People saw a pangolin. People fed the pangolin.", "en")
    with pytest.raises(ValueError, match="one language"):
        keyness([seed_parsed, english])
    with pytest.raises(ValueError, match="no documents given"):
        keyness([])
    with pytest.raises(ValueError, match="wordfreq has no frequency list for language 'und'"):
        keyness(parsed_text("Qwxz vbnm.", "und"))
    with pytest.raises(ValueError, match="at least 99 times"):
        keyness(seed_parsed, min_count=99)

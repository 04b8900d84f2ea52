"""Tests for analysis.validation: the figures come from the annotation files, not typed in.

Each file-based test edits one row of a temporary copy of an annotation and checks that the
score moves by exactly what that row is worth.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import (
    Article,
    category_confusion,
    compare_spans,
    error_table,
    frame_cross_validation,
    frequent_errors,
    judged_attributions,
    judged_hedges,
    read_szeged,
    seed_attribution_gold,
    seed_hedge_gold,
    seed_time_gold,
    span_scores,
    validate_seed_hedges,
    validate_seed_sourcing,
    validate_seed_times,
    validate_szeged,
)
from analysis.paths import ANNOTATIONS_DIR
from analysis.validation import NO_SPAN, polnear_agreement
from tests.conftest import shared_corpus


def edited_copy(tmp_path, name: str, edit, out: str = "copy.csv") -> object:
    """A copy of ``data/annotations/<name>`` (as ``tmp_path/out``) rewritten by ``edit``.

    ``edit`` takes the table (all strings) and returns the edited table.
    """
    path = tmp_path / out
    table = pd.read_csv(ANNOTATIONS_DIR / name, dtype=str, keep_default_na=False)
    edit(table).to_csv(path, index=False)
    return path


def drop_first(table: pd.DataFrame) -> pd.DataFrame:
    return table.iloc[1:]


# --- the generic pieces, on constructed spans ------------------------------------------------


@pytest.mark.parametrize("predicted, gold, match, expected", [
    # overlap pairs two spans of different categories
    ([("a", 0, 5, "x")], [("a", 2, 7, "y")], "overlap", {("y", "x"): 1}),
    # ... but not under exact match: one miss and one invention
    ([("a", 0, 5, "x")], [("a", 2, 7, "y")], "exact", {("y", NO_SPAN): 1, (NO_SPAN, "x"): 1}),
    # the same offsets in another document are no match (negative)
    ([("b", 0, 5, "x")], [("a", 0, 5, "x")], "overlap", {("x", NO_SPAN): 1, (NO_SPAN, "x"): 1}),
    # touching spans share no character (negative)
    ([("a", 5, 9, "x")], [("a", 0, 5, "x")], "overlap", {("x", NO_SPAN): 1, (NO_SPAN, "x"): 1}),
    # agreement lands on the diagonal
    ([("a", 0, 5, "x"), ("a", 10, 12, "y")], [("a", 0, 5, "x"), ("a", 10, 12, "y")], "exact",
     {("x", "x"): 1, ("y", "y"): 1}),
])
def test_category_confusion(predicted, gold, match, expected):
    table = category_confusion(predicted, gold, match)
    counts = {(g, f): int(table.loc[g, f]) for g in table.index for f in table.columns
              if table.loc[g, f]}
    assert counts == expected
    assert table.index[-1] == NO_SPAN or NO_SPAN not in table.index


def test_error_table_lists_misses_and_inventions_in_context():
    text = "Forse piove. It may rain tomorrow."
    predicted = [("d", 13, 15, "other"), ("d", 20, 24, "modal")]  # "It", "rain"
    gold = [("d", 0, 5, "epistemic_adverb"), ("d", 16, 19, "modal")]  # "Forse", "may"
    scores = span_scores([p[:3] for p in predicted], [g[:3] for g in gold])
    table = error_table(scores, {"d": text}, {g[:3]: g[3] for g in gold},
                        {p[:3]: p[3] for p in predicted})
    assert list(table["error"]) == ["missed", "invented", "missed", "invented"]
    assert list(table["text"]) == ["Forse", "It", "may", "rain"]
    assert list(table["category"]) == ["epistemic_adverb", "other", "modal", "modal"]
    assert table.loc[0, "context"].startswith("[Forse] piove.")


def test_compare_spans_scores_both_matches():
    scores, confusion, errors = compare_spans([("a", 0, 4, "x")], [("a", 0, 5, "x")],
                                              {"a": "abcdef"})
    assert (scores["overlap"].tp, scores["exact"].tp, scores["exact"].fn) == (1, 0, 1)
    assert int(confusion.loc["x", "x"]) == 1
    assert errors.empty  # the overlap errors


# --- the seed: figures computed from the annotation files ----------------------------------------


def test_seed_hedges_agree_with_their_file(seed_parsed):
    gold = seed_hedge_gold()
    scores, confusion, errors = validate_seed_hedges(seed_parsed, gold)
    n_boosters = sum(g[3] == "booster" for g in gold)
    assert scores["hedges, overlap"].tp + scores["hedges, overlap"].fn == len(gold) - n_boosters
    assert scores["boosters, overlap"].tp + scores["boosters, overlap"].fn == n_boosters
    assert int(confusion.to_numpy().sum()) == len(errors) + scores["hedges, overlap"].tp \
        + scores["boosters, overlap"].tp


def test_seed_hedge_scores_follow_the_file(tmp_path, seed_parsed):
    before, confusion_before, _ = validate_seed_hedges(seed_parsed, seed_hedge_gold())
    dropped = edited_copy(tmp_path, "seed_hedges.csv", drop_first)
    after, _, errors = validate_seed_hedges(seed_parsed, seed_hedge_gold(dropped))
    row = pd.read_csv(ANNOTATIONS_DIR / "seed_hedges.csv").iloc[0]
    b, a = before["hedges, overlap"], after["hedges, overlap"]
    assert a.tp + a.fn == b.tp + b.fn - 1  # one gold cue fewer
    # the dropped cue was either found (now invented) or missed (now no longer missed)
    assert (a.fp - b.fp) + (b.fn - a.fn) == 1
    if a.fp > b.fp:
        assert row.text in set(errors.loc[errors["error"] == "invented", "text"])

    def relabel(table):
        table.loc[0, "category"] = "modal" if table.loc[0, "category"] != "modal" else "belief"
        return table

    relabelled = edited_copy(tmp_path, "seed_hedges.csv", relabel, out="relabelled.csv")
    _, confusion, _ = validate_seed_hedges(seed_parsed, seed_hedge_gold(relabelled))
    old, new = row.category, pd.read_csv(relabelled).iloc[0].category
    gold_counts, gold_counts_before = confusion.sum(axis=1), confusion_before.sum(axis=1)
    assert gold_counts[new] == gold_counts_before.get(new, 0) + 1
    assert gold_counts.get(old, 0) == gold_counts_before[old] - 1


def test_seed_sourcing_types_follow_the_file(tmp_path, seed_parsed):
    _, confusion, _ = validate_seed_sourcing(seed_parsed, seed_attribution_gold())
    gold_types = [g[3] for g in seed_attribution_gold()["cue"]]
    assert confusion.loc[confusion.index != NO_SPAN].to_numpy().sum() == len(gold_types)

    def retype(table):
        table.loc[table["source_type"] == "anonymous", "source_type"] = "document"
        return table

    path = edited_copy(tmp_path, "seed_attributions.csv", retype)
    scores, changed, _ = validate_seed_sourcing(seed_parsed, seed_attribution_gold(path))
    assert "anonymous" not in changed.index
    merged = confusion.loc[["anonymous", "document"]].to_numpy().sum()
    assert changed.loc["document"].sum() == merged
    # a removed attribution: one gold cue fewer, and one error more or one fewer
    path = edited_copy(tmp_path, "seed_attributions.csv", drop_first, out="fewer.csv")
    fewer, _, _ = validate_seed_sourcing(seed_parsed, seed_attribution_gold(path))
    b, a = scores["cue exact"], fewer["cue exact"]
    assert a.tp + a.fn == b.tp + b.fn - 1
    assert (a.fp - b.fp) + (b.fn - a.fn) == 1


def test_seed_times_follow_the_file(tmp_path, seed_parsed):
    scores, resolution, _ = validate_seed_times(seed_parsed, seed_time_gold())
    assert len(resolution) == scores["overlap"].tp

    def shift(table):
        table.loc[0, "resolved"] = "1999-01-01"
        table.loc[0, "anomaly"] = "1" if table.loc[0, "anomaly"] == "0" else "0"
        return table

    path = edited_copy(tmp_path, "seed_times.csv", shift)
    _, changed, _ = validate_seed_times(seed_parsed, seed_time_gold(path))
    assert changed["value agrees"].sum() == resolution["value agrees"].sum() - 1
    assert changed["flag agrees"].sum() == resolution["flag agrees"].sum() - 1


# --- judged samples, both languages -------------------------------------------------------------


@pytest.mark.parametrize("name", ["hedges_italian_sample.csv", "hedges_english_news_sample.csv"])
def test_judged_hedge_precision_follows_the_file(tmp_path, name):
    before = judged_hedges(ANNOTATIONS_DIR / name)
    sample = pd.read_csv(ANNOTATIONS_DIR / name, dtype=str, keep_default_na=False)
    first = sample.index[sample["judgement"] == "tp"][0]
    round_ = sample.loc[first, "sample"]

    def flip(table):
        table.loc[first, "judgement"] = "fp"
        return table

    after = judged_hedges(edited_copy(tmp_path, name, flip))
    cues = before["by round"].loc[round_, "cues"]
    assert after["by round"].loc[round_, "correct"] == before["by round"].loc[round_, "correct"] - 1
    assert after["by round"].loc[round_, "precision"] == round(
        (before["by round"].loc[round_, "correct"] - 1) / cues, 3)
    assert len(after["errors"]) == len(before["errors"]) + 1
    assert (before["unmarked"]["with_missed_cue"] <= before["unmarked"]["sentences"]).all()


def test_judged_attribution_precision_follows_the_file(tmp_path):
    name = "sourcing_italian_sample.csv"
    before = judged_attributions(ANNOTATIONS_DIR / name)["summary"]
    sample = pd.read_csv(ANNOTATIONS_DIR / name, dtype=str, keep_default_na=False)
    n, true = len(sample), int((sample["is_attribution"] == "yes").sum())
    assert before["judged"] == n and before["precision: is an attribution"] == round(true / n, 3)

    def reject(table):
        table.loc[table.index[table["is_attribution"] == "yes"][0], "is_attribution"] = "no"
        return table

    after = judged_attributions(edited_copy(tmp_path, name, reject))["summary"]
    assert after["judged"] == n
    assert after["precision: is an attribution"] == round((true - 1) / n, 3)


# --- the Szeged reader and scorer, on a constructed file --------------------------------------


SZEGED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet><Document type="Wiki"><DocID>one</DocID><DocumentPart type="Text">
<Sentence id="s1">The town <ccue type="speculation_modal_probable_">may</ccue> flood.</Sentence>
<Sentence id="s2">It is <ccue type="speculation_hypo_doxastic _">believed</ccue> old.</Sentence>
<Sentence id="s3">The bridge opened in 1901.</Sentence>
</DocumentPart></Document>
<Document type="Wiki"><DocID>two</DocID><DocumentPart type="Text">
<Sentence id="s4">If it rains, roads close.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""


def test_read_szeged_offsets_slice_back(tmp_path):
    path = tmp_path / "wiki.xml"
    path.write_text(SZEGED_XML, encoding="utf-8")
    documents = read_szeged(path)
    assert [a.id for a, _ in documents] == ["0:one", "1:two"]
    article, gold = documents[0]
    assert [(article.text[s:e], kind) for _, s, e, kind in gold] == [
        ("may", "modal/probable"), ("believed", "doxastic")]
    assert documents[1][1] == []  # an unannotated document has no gold cue
    assert isinstance(article, Article) and article.language == "en"


def test_validate_szeged_counts_an_unannotated_if_as_invented(tmp_path):
    path = tmp_path / "wiki.xml"
    path.write_text(SZEGED_XML, encoding="utf-8")
    result = validate_szeged(read_szeged(path))
    scores = result["scores"]
    assert scores.loc["overlap", "tp"] == 2 and scores.loc["overlap", "fn"] == 0
    invented = result["errors"][result["errors"]["error"] == "invented"]
    assert list(invented["text"]) == ["If"]
    assert result["recall by type"].loc["modal/probable", "recall"] == 1.0


@pytest.mark.corpora
def test_szeged_corpus_sample_reads_and_scores():
    documents = read_szeged(shared_corpus("szeged-uncertainty", "wiki.xml"))[1::2][:40]
    for article, gold in documents:
        for _, start, end, _ in gold:
            assert article.text[start:end].strip()
    result = validate_szeged(documents)
    assert result["scores"].loc["overlap", "tp"] > 0
    assert result["scores"].loc["exact", "tp"] <= result["scores"].loc["overlap", "tp"]


# --- frames: cross-validated predictions ----------------------------------------------------------


def test_frame_cross_validation_scores_its_own_predictions():
    texts = ["tax budget jobs wages", "army troops war missile", "tax jobs wages prices",
             "war army missile troops", "budget prices tax jobs", "troops missile army war",
             "wages prices budget tax", "missile war troops army"]
    labels = [["Economic"], ["Security_and_defense"]] * 4
    predicted, table = frame_cross_validation(texts, labels, folds=2, Cs=(1.0,), cv=2,
                                              min_df=1)
    assert len(predicted) == len(texts) and all(predicted)
    micro = table.loc["micro"]
    assert micro["labelled"] == 8 and micro["predicted"] == sum(map(len, predicted))
    hits = sum(f in gold for p, gold in zip(predicted, labels) for f in p)
    assert micro["tp"] == hits
    assert table.loc["Morality", "labelled"] == 0  # a frame nobody labelled (negative)


def test_frequent_errors_counts_words_by_kind():
    errors = pd.DataFrame({"error": ["missed", "missed", "invented", "missed", "invented"],
                           "text": ["May", "may", "If", "seems", "if"]})
    table = frequent_errors(errors, n=1)
    assert table.to_dict("records") == [{"error": "invented", "text": "if", "count": 2},
                                        {"error": "missed", "text": "may", "count": 2}]
    assert frequent_errors(errors.iloc[:0]).empty  # no errors, no rows


def test_polnear_agreement_scores_the_second_annotator_against_the_first(tmp_path):
    folder = tmp_path / "attributions"
    folder.mkdir()
    one = ("T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tAttribution 6 10\tsaid\n"
           "E1\tAttribution:T3 Cue:T2 Source:T1\n"
           "T4\tSource 20 23\tshe\nT5\tCue 24 29\ttold\nT6\tAttribution 24 29\ttold\n"
           "E2\tAttribution:T6 Cue:T5 Source:T4\n")
    two = ("T1\tSource 0 10\tTrump said\nT2\tCue 11 15\tsaid\nT3\tAttribution 11 15\tsaid\n"
           "E1\tAttribution:T3 Cue:T2 Source:T1\n")
    (folder / "a_ann1.ann").write_text(one, encoding="utf-8")
    (folder / "a_ann2.ann").write_text(two, encoding="utf-8")
    (folder / "b_ann1.ann").write_text(one, encoding="utf-8")  # annotated once: not scored
    scores = polnear_agreement(tmp_path)
    assert (scores["source overlap"].tp, scores["source overlap"].fn) == (1, 1)
    assert scores["source exact"].tp == 0
    assert (scores["cue overlap"].tp, scores["cue overlap"].fp, scores["cue overlap"].fn) == (
        0, 1, 2)


def test_is_seed_wherever_the_seed_was_loaded_from(seed_article, seed_parsed):
    from analysis import Article, is_seed, load_corpus
    from analysis.paths import SEED_DIR

    assert is_seed(seed_article) and is_seed(seed_parsed)
    assert is_seed(load_corpus(SEED_DIR)[0])
    assert not is_seed(Article("other", seed_article.text[:-1], language="it"))


def test_choose_article_by_id_or_position(tmp_path):
    from analysis import choose_article, load_corpus

    table = tmp_path / "t.jsonl"
    table.write_text('{"id": "a", "text": "Il governo ha approvato la legge."}\n'
                     '{"id": "b", "text": "La squadra ha vinto la partita."}\n', encoding="utf-8")
    corpus = load_corpus(table)
    assert choose_article(corpus).id.endswith("a")
    assert choose_article(corpus, index=1).id.endswith("b")
    wanted = corpus[1].id
    assert choose_article(corpus, article_id=wanted) is corpus[1]
    with pytest.raises(ValueError, match="article_id 'zz' is not in the corpus"):
        choose_article(corpus, article_id="zz")
    with pytest.raises(ValueError, match="ARTICLE = 2 is outside a corpus of 2"):
        choose_article(corpus, index=2)


def test_bootstrap_interval_and_groups():
    import pandas as pd

    from analysis import bootstrap_interval, group_intervals

    mean, low, high = bootstrap_interval([0.0, 1.0, 2.0, 3.0, 4.0])
    assert mean == 2.0 and low < mean < high and low >= 0.0 and high <= 4.0
    assert bootstrap_interval([0.0, 1.0, 2.0, 3.0, 4.0]) == (mean, low, high)  # deterministic
    assert bootstrap_interval([2.5]) == (2.5, 2.5, 2.5)
    table = pd.DataFrame({"outlet": ["x", "x", "x", "y"], "v": [1.0, 2.0, 3.0, 9.0]})
    groups = group_intervals(table, "v", "outlet")
    assert groups["outlet"].tolist() == ["x"]  # y has one article only
    assert groups.loc[0, "mean"] == 2.0 and groups.loc[0, "articles"] == 3


def test_corpus_and_headline_hedging(seed_parsed, tmp_path):
    from analysis import corpus_hedging, headline_body_hedging, load_corpus, parse

    parts = headline_body_hedging(seed_parsed)
    assert parts.loc["headline", "from"] == "text" and parts.loc["headline", "hedges"] == 1
    table = tmp_path / "t.jsonl"
    table.write_text('{"id": "a", "title": "Mosca potrebbe inviare truppe", '
                     '"text": "Il governo ha approvato la legge. La legge entra in vigore."}\n',
                     encoding="utf-8")
    parsed = parse(load_corpus(table)[0])
    parts = headline_body_hedging(parsed)
    assert parts.loc["headline", "from"] == "title" and parts.loc["headline", "hedges"] == 1
    assert parts.loc["body", "sentences"] == 2
    rows = corpus_hedging([seed_parsed, parsed])
    assert len(rows) == 2 and rows.loc[0, "hedges"] == 21


def test_type_accuracy_leaves_unmatched_out():
    import pandas as pd

    from analysis import type_accuracy

    confusion = pd.DataFrame([[3, 1, 2], [0, 4, 1], [5, 0, 0]],
                             index=["anonymous", "named_person", "(none)"],
                             columns=["anonymous", "named_person", "(none)"])
    assert type_accuracy(confusion) == (7, 8)
    assert type_accuracy(confusion.iloc[2:, 2:]) == (0, 0)


def test_evidence_rows():
    import pandas as pd

    from analysis import evidence_row, last_judged_round
    from analysis.evaluation import Scores

    row = evidence_row("hedging", "it", "seed", "full annotation", scores=Scores(8, 2, 2))
    assert (row["precision"], row["recall"], row["f1"], row["n"]) == (0.8, 0.8, 0.8, 10)
    judged = {"by round": pd.DataFrame({"precision": [0.78, 0.68], "cues": [50, 40]})}
    row = evidence_row("hedging", "it", "sample", "judged sample", **last_judged_round(judged))
    assert (row["precision"], row["recall"], row["n"]) == (0.68, None, 40)

"""Reading the gold-standard annotation files and the agreement of two passes."""

from __future__ import annotations

import json
import math

import pytest

from analysis.annotations import (
    ArticleAnnotation,
    AttributionRecord,
    HedgeRecord,
    Span,
    agreement,
    load_annotations,
    overlap_scores,
    write_annotations,
)
from analysis.evaluation import span_scores
from analysis.paths import ANNOTATIONS_DIR, SHARED_CORPORA

TEXT = ("Forse arriva. Circa 40 feriti. Se piove, resta. Rossi ha detto che piove. "
        "Si dice che piova.")


def span(string: str, text: str = TEXT) -> Span:
    start = text.index(string)
    return Span(start, start + len(string), string)


def hedge(string: str, category: str) -> HedgeRecord:
    s = span(string)
    return HedgeRecord(s.start, s.end, s.text, category)


def attribution(cue: str, source: str | None, kind: str, source_type: str) -> AttributionRecord:
    return AttributionRecord(span(cue), span(source) if source else None, kind, source_type)


@pytest.fixture
def two_passes() -> tuple[dict, dict]:
    a = ArticleAnnotation("x", "A", [
        hedge("Forse", "epistemic"), hedge("Circa", "approximator"),
        hedge("Se", "condition"), hedge("Si dice", "epistemic")], [
        attribution("ha detto", "Rossi", "indirect", "named_person"),
        attribution("Si dice", None, "indirect", "agentless")])
    b = ArticleAnnotation("x", "B", [
        hedge("Forse", "epistemic"),       # exact, same category
        hedge("Circa 40", "approximator"),  # overlap only
        hedge("Se", "epistemic"),          # exact, other category
        hedge("resta", "condition")], [    # B only; A's "Si dice" hedge is missed
        attribution("detto", "Rossi", "direct", "named_person"),
        attribution("Si dice", None, "indirect", "agentless")])
    other = ArticleAnnotation("y", "A", [hedge("Forse", "epistemic")], [])
    return {"x": a, "y": other}, {"x": b}


def test_agreement_of_a_known_pair(two_passes):
    table = agreement(*two_passes).set_index(["layer", "match"])
    # only the common article "x" is compared: y's hedge is not a miss
    assert table.loc[("hedge", "exact"), ["n_a", "n_b", "tp", "fp", "fn"]].tolist() == [
        4, 4, 2, 2, 2]
    assert table.loc[("hedge", "exact"), "f1"] == 0.5
    assert table.loc[("hedge", "overlap"), ["tp", "fp", "fn"]].tolist() == [3, 1, 1]
    assert table.loc[("hedge", "overlap"), "f1"] == 0.75
    assert table.loc[("cue", "exact"), "f1"] == 0.5
    assert table.loc[("cue", "overlap"), "f1"] == 1.0
    # Rossi = Rossi, and two null sources count as a match
    assert table.loc[("source", "exact"), ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    # category: (ep, ep), (approx, approx), (cond, ep): po = 2/3, pe = 1/3, kappa = 0.5
    assert table.loc[("hedge category", "overlap"), "pairs"] == 3
    assert table.loc[("hedge category", "overlap"), "kappa"] == pytest.approx(0.5)
    # kind: (indirect, direct), (indirect, indirect): po = pe = 0.5, kappa = 0
    assert table.loc[("attribution kind", "overlap"), "observed"] == 0.5
    assert table.loc[("attribution kind", "overlap"), "kappa"] == pytest.approx(0.0)
    assert table.loc[("source type", "overlap"), "kappa"] == pytest.approx(1.0)


def test_attribution_spans_are_the_gold_of_a_span_tagger(two_passes):
    a, _ = two_passes
    sources, cues = a["x"].attribution_spans()
    assert [TEXT[s:e] for s, e in sources] == ["Rossi"]  # the agentless cue has no source
    assert [TEXT[s:e] for s, e in cues] == ["ha detto", "Si dice"]


def test_source_mismatch_and_null_against_span():
    text = "Rossi ha detto che piove. Ha aggiunto che nevica."
    a = ArticleAnnotation("x", "A", [], [
        AttributionRecord(span("ha detto", text), span("Rossi", text), "indirect",
                          "named_person"),
        AttributionRecord(span("Ha aggiunto", text), None, "indirect", "dropped_subject",
                          "Rossi")])
    b = ArticleAnnotation("x", "B", [], [
        AttributionRecord(span("ha detto", text), span("Rossi ha", text), "indirect",
                          "named_person"),
        AttributionRecord(span("Ha aggiunto", text), span("Ha", text), "indirect",
                          "named_person")])
    table = agreement({"x": a}, {"x": b}).set_index(["layer", "match"])
    assert table.loc[("source", "exact"), ["tp", "fp", "fn"]].tolist() == [0, 2, 1]
    assert table.loc[("source", "overlap"), ["tp", "fp", "fn"]].tolist() == [1, 1, 0]


def test_overlap_matching_prefers_the_largest_overlap():
    predicted = [("d", 0, 5), ("d", 4, 20)]
    gold = [("d", 4, 15)]
    # document order pairs the first predicted span, sharing one character
    assert span_scores(predicted, gold, "overlap").matched == [(("d", 0, 5), ("d", 4, 15))]
    scores = overlap_scores(predicted, gold)
    assert scores.matched == [(("d", 4, 20), ("d", 4, 15))]
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 0)
    assert scores.false_positives == [("d", 0, 5)]


def test_kappa_is_nan_when_a_single_label_occurs():
    a = ArticleAnnotation("x", "A", [hedge("Forse", "epistemic")], [])
    table = agreement({"x": a}, {"x": a}).set_index(["layer", "match"])
    assert table.loc[("hedge category", "overlap"), "observed"] == 1.0
    assert math.isnan(table.loc[("hedge category", "overlap"), "kappa"])


# --- reading ------------------------------------------------------------------------------


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_load_round_trip(tmp_path, two_passes):
    a, _ = two_passes
    path = tmp_path / "a.jsonl"
    write_annotations(a.values(), path)
    loaded = load_annotations(path, corpus={"x": TEXT, "y": TEXT})
    assert loaded == a


def test_load_rejects_offsets_that_miss_the_text(tmp_path):
    good = {"id": "x", "annotator": "A", "attributions": [],
            "hedges": [{"start": 0, "end": 5, "text": "Forse", "category": "epistemic"}]}
    bad = {"id": "z", "annotator": "A", "attributions": [],
           "hedges": [{"start": 1, "end": 6, "text": "Forse", "category": "epistemic"}]}
    path = write_lines(tmp_path / "bad.jsonl", [good, bad])
    with pytest.raises(ValueError, match=r"bad\.jsonl:2 \(z\): hedge 1: text\[1:6\]"):
        load_annotations([path], corpus={"x": TEXT, "z": TEXT})
    # without the corpus the offsets cannot be checked, only their length
    assert set(load_annotations(path)) == {"x", "z"}


@pytest.mark.parametrize("change, message", [
    (lambda r: r["hedges"][0].update(category="booster"), "category 'booster'"),
    (lambda r: r["attributions"][0].update(source=None), "source must be null exactly"),
    (lambda r: r["attributions"][0].update(kind="partial"), "kind 'partial'"),
    (lambda r: r.pop("hedges"), "missing key 'hedges'"),
])
def test_load_rejects_bad_records(tmp_path, change, message):
    record = ArticleAnnotation("x", "A", [hedge("Forse", "epistemic")], [
        attribution("ha detto", "Rossi", "indirect", "named_person")]).as_dict()
    change(record)
    path = write_lines(tmp_path / "a.jsonl", [record])
    with pytest.raises(ValueError, match=message):
        load_annotations(path, corpus={"x": TEXT})


def test_load_rejects_an_article_twice_and_unknown_articles(tmp_path):
    record = ArticleAnnotation("x", "A").as_dict()
    one = write_lines(tmp_path / "one.jsonl", [record])
    two = write_lines(tmp_path / "two.jsonl", [record])
    with pytest.raises(ValueError, match=r"two\.jsonl:1: article 'x' already read"):
        load_annotations([one, two])
    with pytest.raises(ValueError, match="not in the corpus"):
        load_annotations(one, corpus={"y": TEXT})


# --- the real files -----------------------------------------------------------------------


@pytest.mark.corpora
def test_meantime_annotations_match_the_corpus_text():
    corpus = SHARED_CORPORA / "meantime" / "meantime_it.jsonl"
    if not corpus.exists():
        pytest.skip(f"research corpus {corpus} is absent (it lives in ../shared/corpora)")
    split = json.loads((ANNOTATIONS_DIR / "meantime_it_split.json").read_text("utf-8"))
    # the third round: four annotators, six drawn articles each (all dev) and one of the next
    # annotator's set; the gold takes each article from the annotator it was drawn for
    third = {name: load_annotations(ANNOTATIONS_DIR / f"meantime_it.{name}.jsonl", corpus)
             for name in split["annotators"]}
    drawn = {article: third[name][article] for name, articles in split["annotators"].items()
             for article in articles[:6]}
    assert list(split["annotators"]) == ["MA", "MB", "MC", "MD"] and len(drawn) == 24
    assert all(list(third[name]) == articles for name, articles in split["annotators"].items())
    assert set(drawn) <= set(split["dev"])
    first_round = set(split["dev"]) - set(drawn) | set(split["test"])
    pass_a = load_annotations([ANNOTATIONS_DIR / "meantime_it.A1.jsonl",
                               ANNOTATIONS_DIR / "meantime_it.A2.jsonl"], corpus)
    assert set(pass_a) == first_round
    pass_b = load_annotations(ANNOTATIONS_DIR / "meantime_it.B.jsonl", corpus)
    assert set(pass_b) == set(split["double"])
    adjudicated = load_annotations(ANNOTATIONS_DIR / "meantime_it.adj.jsonl", corpus)
    assert set(adjudicated) == set(split["double"])
    assert {a.annotator for a in adjudicated.values()} == {"adj"}
    pass_c = load_annotations(ANNOTATIONS_DIR / "meantime_it.C.jsonl", corpus)
    assert set(pass_c) == set(split["test2"]) and not set(pass_c) & first_round
    gold = load_annotations(ANNOTATIONS_DIR / "meantime_it.gold.jsonl", corpus)
    assert set(gold) == first_round | set(pass_c) | set(drawn)
    assert all(gold[article] == annotation for article, annotation in drawn.items())
    for article, annotation in gold.items():
        if article in drawn:
            continue
        # the gold is the adjudicated pass, annotator C's pass, or pass A revised to guidelines
        # v1.1; all were then revised to v1.2: every record a revision changed or added says so
        original = (adjudicated | pass_c).get(article) or pass_a[article]
        revisions = ("v1.2:",) if article in adjudicated or article in pass_c else \
            ("v1.1:", "v1.2:")
        assert annotation.annotator == original.annotator
        for record in [*annotation.hedges, *annotation.attributions]:
            if record not in [*original.hedges, *original.attributions]:
                assert record.note and any(r in record.note for r in revisions), \
                    (article, record)


def test_evaluate_annotated_scores_the_splits_as_the_table_does():
    from analysis.annotations import evaluate_annotated

    from .conftest import shared_corpus

    evaluation = evaluate_annotated(shared_corpus("meantime", "meantime_it.jsonl"))
    assert {k: len(v) for k, v in evaluation.split.items()} == {"dev": 54, "test": 10,
                                                                 "test2": 13}
    for name in evaluation.split:
        table = evaluation.table(name).set_index(["layer", "match"])
        for layer in ("epistemic hedge", "cue"):
            scores = evaluation.scores(name, layer)
            assert [scores.tp, scores.fp, scores.fn] == \
                [int(table.loc[(layer, "overlap"), c]) for c in ("tp", "fp", "fn")]
    summary = evaluation.summary()
    assert list(summary.columns) == ["dev (54 articles)", "test (10 articles)",
                                     "test2 (13 articles)"]
    # the parse-based sourcing of issue 15 on its development articles (a regression floor)
    assert summary.loc["attribution cues: f1", "dev (54 articles)"] >= 0.78
    assert summary.loc["sources exactly right (share)", "dev (54 articles)"] >= 0.6


def test_semeval_annotations_match_the_text_files_and_build_the_gold():
    from analysis.corpus import load_corpus

    from .conftest import shared_corpus

    folder = shared_corpus("semeval2023-frames", "it", "unlabelled", "text")
    split = json.loads((ANNOTATIONS_DIR / "semeval_it_split.json").read_text("utf-8"))
    texts = {a.id: a.text for a in load_corpus(folder, progress=False)}
    passes = {name: load_annotations(ANNOTATIONS_DIR / f"semeval_it.{name}.jsonl", texts)
              for name in "DEFGHIJKLMNOPQRSTU"}
    dev, test, double = set(split["dev"]), set(split["test"]), set(split["double"])
    assert not dev & test
    # first round: D the dev articles, E the test articles, each one article of the other's
    assert set(passes["D"]) - double == set(passes["D"]) & dev - double
    assert set(passes["E"]) - double == set(passes["E"]) & test - double
    assert double <= set(passes["D"]) & set(passes["E"])
    # later rounds: F and G, then H and I, half dev and half test each; J, K, L and M, then
    # N, O, P and Q, three articles each, dev and test for every one of them, half dev and
    # half test in each round; R, S, T and U one article each, two dev and two test; no
    # article twice
    later = [set(passes[name]) for name in "FGHIJKLMNOPQRSTU"]
    assert sum(map(len, later)) == len(set().union(*later))
    assert not set().union(*later) & (set(passes["D"]) | set(passes["E"]))
    for name in "FGHI":
        assert len(set(passes[name]) & dev) == len(set(passes[name]) & test)
    for round_ in ("JKLM", "NOPQ"):
        articles = [set(passes[name]) for name in round_]
        assert all(len(a) == 3 and a & dev and a & test for a in articles)
        assert len(set().union(*articles) & dev) == len(set().union(*articles) & test) == 6
    sixth = set().union(*(set(passes[name]) for name in "RSTU"))
    assert all(len(passes[name]) == 1 for name in "RSTU")
    assert len(sixth & dev) == len(sixth & test) == 2
    # second passes for agreement (semeval_it_agreement.md): V, W, X and Y annotated again,
    # independently, the articles of J, K, L and M; the gold keeps the first pass
    for first, second in zip("JKLM", "VWXY"):
        assert set(load_annotations(ANNOTATIONS_DIR / f"semeval_it.{second}.jsonl", texts)) \
            == set(passes[first])
    gold = load_annotations(ANNOTATIONS_DIR / "semeval_it.gold.jsonl", texts)
    assert set(gold) == dev | test
    for article, annotation in gold.items():
        owner = "D" if article in double and article in dev else \
            "E" if article in double else annotation.annotator
        assert annotation == passes[owner][article]


def test_evaluate_annotated_reads_a_folder_of_text_files():
    from analysis.annotations import evaluate_annotated

    from .conftest import shared_corpus

    folder = shared_corpus("semeval2023-frames", "it", "unlabelled", "text")
    evaluation = evaluate_annotated(folder, ANNOTATIONS_DIR / "semeval_it.gold.jsonl",
                                    ANNOTATIONS_DIR / "semeval_it_split.json")
    assert {k: len(v) for k, v in evaluation.split.items()} == {"dev": 37, "test": 37}
    assert list(evaluation.summary().columns) == ["dev (37 articles)", "test (37 articles)"]
    # the detectors found something in every split, and nothing outside the annotated articles
    assert set(evaluation.predicted) == set(evaluation.gold)
    assert all(evaluation.scores(name, "cue").tp > 0 for name in evaluation.split)


def test_english_meantime_annotations_build_the_gold_and_score_the_detectors():
    from analysis.annotations import evaluate_annotated

    from .conftest import shared_corpus

    corpus = shared_corpus("meantime", "meantime_en.jsonl")
    split = json.loads((ANNOTATIONS_DIR / "meantime_en_split.json").read_text("utf-8"))
    parts = [set(split[name]) for name in ("dev", "test", "test2", "test3", "test4", "test5")]
    double = set(split["double"])
    assert [len(part) for part in parts] == [60, 12, 12, 12, 12, 12]
    assert sum(map(len, parts)) == len(set().union(*parts))
    assert double <= set().union(*parts)
    gold = load_annotations(ANNOTATIONS_DIR / "meantime_en.gold.jsonl", corpus)
    assert set(gold) == set().union(*parts)
    # five rounds of four annotators: each took six drawn articles and one of another
    # annotator's set; the gold takes every article from the annotator it was drawn for
    assert len(split["annotators"]) == 20
    for name, articles in split["annotators"].items():
        annotation = load_annotations(ANNOTATIONS_DIR / f"meantime_en.{name}.jsonl", corpus)
        assert list(annotation) == articles and articles[-1] in double
        assert all(gold[article] == annotation[article] for article in articles[:6])
    evaluation = evaluate_annotated(corpus, ANNOTATIONS_DIR / "meantime_en.gold.jsonl",
                                    ANNOTATIONS_DIR / "meantime_en_split.json")
    assert list(evaluation.summary().columns) == ["dev (60 articles)", "test (12 articles)",
                                                  "test2 (12 articles)", "test3 (12 articles)",
                                                  "test4 (12 articles)", "test5 (12 articles)"]
    assert all(evaluation.scores(name, layer).tp > 0 for name in evaluation.split
               for layer in ("epistemic hedge", "cue"))
    # another extractor is scored from the same parses: the rules again give the same table,
    # an extractor that finds nothing finds no cue and keeps the hedges
    from analysis.sourcing import find_attributions

    again = evaluation.with_attributions(find_attributions)
    assert again.parsed is evaluation.parsed
    assert again.summary().equals(evaluation.summary())
    silent = evaluation.with_attributions(lambda parsed: [])
    assert all(not a.attributions for a in silent.predicted.values())
    assert silent.scores("dev", "epistemic hedge") == evaluation.scores("dev", "epistemic hedge")


def test_with_attributions_needs_the_parses():
    from analysis.annotations import AnnotatedEvaluation

    gold = {"a": ArticleAnnotation("a", "A", [], [])}
    evaluation = AnnotatedEvaluation({"a": TEXT}, gold, gold, {"dev": ["a"]})
    with pytest.raises(ValueError, match="kept no parse of 1 of its 1 articles"):
        evaluation.with_attributions(lambda parsed: [])


def test_semeval_training_articles_are_each_annotated_once_with_a_report():
    from analysis.corpus import load_corpus

    from .conftest import shared_corpus

    folder = shared_corpus("semeval2023-frames", "it", "train", "text")
    texts = {a.id: a.text for a in load_corpus(folder, progress=False)}
    files = sorted((ANNOTATIONS_DIR / "semeval_it_train").glob("*.jsonl"))
    passes = [load_annotations(path, texts) for path in files]
    annotated = [key for annotation in passes for key in annotation]
    assert len(annotated) == len(set(annotated)) == len(texts)
    for path, annotation in zip(files, passes):
        assert {a.annotator for a in annotation.values()} == {path.stem}
        assert path.with_suffix(".md").is_file()


def test_polnear_hedge_annotations_build_the_gold():
    """24 PolNeAR articles annotated for hedges only by two annotators sharing four; the gold
    takes each annotator's own articles and the adjudicated reading of the shared four."""
    from .conftest import shared_corpus

    folder = shared_corpus("polnear", "train", "text")
    split = json.loads((ANNOTATIONS_DIR / "polnear_en_hedges_split.json").read_text("utf-8"))
    texts = {key: (folder / f"{key}.txt").read_text(encoding="utf-8") for key in split["dev"]}
    passes = {name: load_annotations(ANNOTATIONS_DIR / f"polnear_en_hedges.{name}.jsonl", texts)
              for name in split["annotators"]}
    gold = load_annotations(ANNOTATIONS_DIR / "polnear_en_hedges.gold.jsonl", texts)
    double = split["double"]
    assert list(gold) == split["dev"] and len(gold) == 24
    assert set(passes["PA"]) & set(passes["PB"]) == set(double) and len(double) == 4
    for name, articles in split["annotators"].items():
        assert list(passes[name]) == articles
        assert all(gold[key] == passes[name][key] for key in articles if key not in double)
    # PB's reading won the three disagreements on the shared articles
    assert all(gold[key] == passes["PB"][key] for key in double)
    table = agreement({key: passes["PA"][key] for key in double},
                      {key: passes["PB"][key] for key in double}).set_index(["layer", "match"])
    assert table.loc[("hedge", "overlap"), ["tp", "fp", "fn"]].tolist() == [19, 1, 2]
    # hedges only: PolNeAR's own annotation holds these articles' attributions
    assert all(not annotation.attributions for annotation in gold.values())

"""Tests for analysis.sourcing.tagger: learning from constructed sentences, spans, records,
saving and loading, and (when the research corpora are present) PolNeAR dev and the Italian
test articles annotated here against the rules."""

from __future__ import annotations

import re

import pytest

from analysis import parse
from analysis.corpus import parse_article
from analysis.sourcing import (
    SOURCE_TYPES,
    Attribution,
    evaluate_spans,
    polnear_data,
    rule_spans,
)
from analysis.sourcing.tagger import (
    ITALIAN_TRAINING,
    AttributionTagger,
    bio_labels,
    italian_tagger,
    polnear_tagger,
)
from tests.conftest import shared_corpus

MARK = re.compile(r"\[(S|C) ([^\]]+)\]")

# Constructed annotated sentences: [S source] and [C cue]. Training and held-out sentences
# share no person name and no cue word, so a tagger can only tag the held-out ones from what
# generalises: capitalised names, titles and source nouns, reporting verbs of the lexicon,
# word order and punctuation.
TRAIN = [
    "[S Maria Lopez] [C said] the bill would pass next week.",
    "[S John Carter] [C told] reporters that the vote was delayed.",
    "[S Senator Alice Brown] [C argued] that the plan was too costly.",
    "\u201cWe will win this state,\u201d [C said] [S Tom Harris].",
    "[S The spokesman] [C claimed] the report was false.",
    "[S Officials] [C announced] a new budget on Monday.",
    "[S Peter Grant] [C has said] he would not run again.",
    "[S Gov. Linda White] [C denied] any wrongdoing.",
    "[C According to] [S the campaign], turnout rose sharply.",
    "[S Mark Evans] [C admitted] that the numbers were wrong.",
    "The economy grew by two percent last year.",
    "[S Rachel Green] [C explained] how the tax would work.",
    "[S Analysts] [C predicted] a close race in Ohio.",
    "Voters went to the polls early in the morning.",
    "[S He] [C said] the decision was final.",
    "[S Kevin Moore], a lawyer for the family, [C said] the case would go on.",
    "\u201cThis is a disaster,\u201d [C complained] [S Sarah Miller].",
    "[S The committee] [C reported] that costs had doubled.",
    "[S Susan King] [C stressed] the need for reform.",
    "The rally drew thousands of people to the square.",
    "[S Robert Lee] [C noted] that polls often change.",
    "[S The White House] [C confirmed] the meeting.",
    "[S She] [C told] the crowd that help was coming.",
    "[S Experts] [C believe] the deficit will grow.",
    "[S Daniel Scott] [C criticized] the new rules.",
    "Prices rose again in the third quarter.",
    "[S Laura Adams] [C insisted] she had done nothing wrong.",
    "[S The governor] [C added] that schools would reopen.",
    "[S Michael Young] [C wrote] that the policy had failed.",
    "The bridge was closed for repairs until Friday.",
    "Sales fell last month, [C according to] [S the company].",
]
HELD_OUT = [
    "[S Emily Turner] [C warned] that the deal could collapse.",
    "[S Senator Hugo Diaz] [C vowed] that the law would stay.",
    "\u201cWe are ready,\u201d [C declared] [S Nora Blake].",
    "[S The agency] [C stated] the data were accurate.",
    "The train left the station an hour late.",
]


def _annotated(marked: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The plain text of a marked-up sentence and its source and cue character spans."""
    text, sources, cues, position = "", [], [], 0
    for match in MARK.finditer(marked):
        text += marked[position : match.start()]
        start = len(text)
        text += match.group(2)
        (sources if match.group(1) == "S" else cues).append((start, len(text)))
        position = match.end()
    return text + marked[position:], sources, cues


def _corpus(sentences: list[str]):
    """One parsed article per sentence, with its gold spans."""
    parsed, gold = [], []
    for i, marked in enumerate(sentences):
        text, sources, cues = _annotated(marked)
        parsed.append(parse(parse_article(text, id=f"t{i}", format="plain", language="en")))
        gold.append((sources, cues))
    return parsed, gold


@pytest.fixture(scope="module")
def constructed():
    return _corpus(TRAIN), _corpus(HELD_OUT)


@pytest.fixture(scope="module")
def tagger(constructed):
    (parsed, gold), _ = constructed
    # L-BFGS (regularised) for a few dozen sentences; rules=False: the tagger must learn the
    # attributions itself, not copy the rule extractor's output.
    return AttributionTagger(algorithm="lbfgs", max_iterations=200, c1=0.01, c2=0.01,
                             rules=False).fit(parsed, gold)


def test_annotated_helper():
    text, sources, cues = _annotated("[S Ann Lee] [C said] so.")
    assert text == "Ann Lee said so."
    assert [text[s:e] for s, e in sources] == ["Ann Lee"]
    assert [text[s:e] for s, e in cues] == ["said"]


def test_bio_labels_project_spans_onto_tokens():
    parsed, gold = _corpus(["[S Kevin Moore], a lawyer, [C has said] it."])
    labels, counts = bio_labels(parsed[0], *gold[0])
    assert labels == [["B-SOURCE", "I-SOURCE", "O", "O", "O", "O", "B-CUE", "I-CUE", "O",
                       "O"]]
    assert counts == {"spans": 2, "unaligned": 0, "outside": 0, "clashes": 0}
    # A span ending inside a token is counted and the whole token labelled.
    text = parsed[0].article.text
    said = text.index("said")
    labels, counts = bio_labels(parsed[0], [(0, 3)], [(said, said + 4)])
    assert counts["unaligned"] == 1
    assert labels[0][:2] == ["B-SOURCE", "O"]
    assert labels[0][7] == "B-CUE" and labels[0][6] == "O"


def test_tagger_learns_and_generalises(constructed, tagger):
    """Held-out sentences (new names, new cue verbs) are tagged from what generalises."""
    _, (parsed, gold) = constructed
    names = [p.article.id for p in parsed]
    rows = evaluate_spans(names, parsed, gold, tagger.predict_spans)
    assert rows["cue overlap"].recall >= 0.75
    assert rows["source overlap"].recall >= 0.75
    assert rows["cue exact"].precision >= 0.75
    assert rows["source exact"].f1 >= 0.6
    # Exact spans where the cue is a reporting verb of the lexicon, unseen in training.
    for article, spans in list(zip(parsed, gold))[:3]:
        assert tagger.predict_spans(article) == spans, article.article.text
    # The sentence with no attribution gets no span.
    assert tagger.predict_spans(parsed[-1]) == ([], [])


def test_tagger_reproduces_its_training_data(constructed, tagger):
    (parsed, gold), _ = constructed
    rows = evaluate_spans([p.article.id for p in parsed], parsed, gold, tagger.predict_spans)
    assert rows["cue exact"].f1 >= 0.9
    assert rows["source exact"].f1 >= 0.9


def test_attribution_records(constructed, tagger):
    _, (parsed, _) = constructed
    records = [(p, a) for p in parsed for a in tagger.attributions(p)]
    assert records
    for p, a in records:
        assert isinstance(a, Attribution)
        text = p.article.text
        assert text[a.cue.start : a.cue.end] == a.cue.text
        if a.source is not None:
            assert text[a.source.start : a.source.end] == a.source.text
        assert a.source_type in SOURCE_TYPES
        assert a.quote in ("direct", "partial", "indirect")
        assert a.cue_kind in ("verb", "preposition", "agentless", "colon", "dash")
        assert 0 <= a.sentence < len(p.sentences)
        if a.content is not None:
            assert text[a.content.start : a.content.end] == a.content.text
    by_cue = {a.cue.text: a for _, a in records}
    if "warned" in by_cue and by_cue["warned"].source is not None:
        assert by_cue["warned"].source.text == "Emily Turner"
        assert by_cue["warned"].source_type == "named_person"
    quoted = [a for p, a in records if "ready" in p.article.text]
    assert all(a.quote == "direct" for a in quoted)


def test_attribution_content_and_kinds(tagger):
    """Content sits on the far side of the cue from the source; "according to" is a
    preposition cue whose content follows its source or precedes the cue."""
    parsed, _ = _corpus(["According to the campaign, turnout rose sharply.",
                         "Turnout rose sharply, according to the campaign.",
                         "\u201cWe will win,\u201d said Tom Harris."])
    found = [tagger.attributions(p) for p in parsed]
    for records, content in zip(found, ["turnout rose sharply.", "Turnout rose sharply"]):
        assert [(a.source.text, a.cue.text.lower(), a.cue_kind, a.content.text)
                for a in records] == [("the campaign", "according to", "preposition", content)]
    assert [a.source.text for a in found[2]] == ["Tom Harris"]
    assert found[2][0].content.text == "\u201cWe will win,\u201d"
    assert found[2][0].quote == "direct"


def test_unfitted_tagger_raises(constructed):
    _, (parsed, _) = constructed
    with pytest.raises(ValueError, match="not fitted"):
        AttributionTagger().predict_spans(parsed[0])


def test_bad_algorithm_is_named(constructed):
    (parsed, gold), _ = constructed
    with pytest.raises(ValueError, match="algorithm must be one of"):
        AttributionTagger(algorithm="sgd").fit(parsed, gold)


def test_taggers_are_none_without_their_corpora(tmp_path):
    assert polnear_tagger(tmp_path / "no-polnear") is None
    missing = ((tmp_path / "no-meantime.jsonl", "meantime_it.gold.jsonl",
                "meantime_it_split.json"),)
    assert italian_tagger(ITALIAN_TRAINING[:2] + missing) is None


def test_save_load_round_trip(constructed, tagger, tmp_path):
    _, (parsed, _) = constructed
    path = tagger.save(tmp_path / "tagger.pkl")
    loaded = AttributionTagger.load(path)
    assert [loaded.predict_spans(p) for p in parsed] == [tagger.predict_spans(p) for p in parsed]
    (tmp_path / "other.pkl").write_bytes(b"\x80\x04N.")  # a pickled None
    with pytest.raises(ValueError, match="feature version"):
        AttributionTagger.load(tmp_path / "other.pkl")


@pytest.mark.corpora
def test_polnear_dev_beats_rules():
    """Trained on PolNeAR train (or read from the cache), the tagger beats the rules on dev."""
    root = shared_corpus("polnear")
    tagger = polnear_tagger(root / "train")
    names, parsed, gold = polnear_data(root / "dev")
    learned = evaluate_spans(names, parsed, gold, tagger.predict_spans)
    rules = evaluate_spans(names, parsed, gold, rule_spans)
    for key in ("source overlap", "source exact", "cue overlap", "cue exact"):
        assert learned[key].f1 > rules[key].f1, key


def test_fit_is_reproducible_whatever_else_drew_random_numbers(constructed):
    """CRFsuite shuffles with the C library's rand(): the tagger seeds it, so two fits of the
    same data give the same weights even when something else used rand() in between."""
    import ctypes

    (parsed, gold), _ = constructed
    first = AttributionTagger(rules=False).fit(parsed, gold).crf_.state_features_
    for _ in range(7):
        ctypes.CDLL(None).rand()
    second = AttributionTagger(rules=False).fit(parsed, gold).crf_.state_features_
    assert first == second


@pytest.mark.corpora
def test_italian_tagger_beats_the_rules_on_the_test_articles():
    """Trained on every Italian development article and the SemEval training articles
    annotated here (or read from the cache), the tagger finds more of the attribution cues of
    both test sets than the rules, none of whose articles it learned from."""
    from analysis.annotations import evaluate_annotated
    from analysis.paths import ANNOTATIONS_DIR

    absent = [str(corpus) for corpus, _, _ in ITALIAN_TRAINING if not corpus.exists()]
    if absent:
        pytest.skip(f"research corpora {absent} are absent (they live in ../shared/corpora)")
    tagger = italian_tagger()
    meantime, semeval = ITALIAN_TRAINING[0][0], ITALIAN_TRAINING[1][0]
    sets = ((meantime, None, None), (semeval, ANNOTATIONS_DIR / "semeval_it.gold.jsonl",
                                     ANNOTATIONS_DIR / "semeval_it_split.json"))
    for corpus, gold, split in sets:
        rules = evaluate_annotated(corpus, gold, split)
        learned = rules.with_attributions(tagger.attributions)
        assert learned.scores("test", "cue").f1 > rules.scores("test", "cue").f1, corpus.name

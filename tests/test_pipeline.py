"""The pipeline: ``analyse_many`` gives the records of ``analyse``, batch after batch, and
records an article whose analysis raises without losing the others."""

from __future__ import annotations

import json

import pytest

from analysis import analyse, analyse_many, load_article, pipeline
from analysis.corpus import parse_article
from analysis.paths import SEED_PATH

IT = "Secondo fonti sudcoreane, la Corea del Nord potrebbe inviare truppe in Russia a luglio."
EN = "North Korea may send more troops to Russia next month, a lawmaker said on Thursday."


@pytest.fixture(scope="module")
def articles():
    others = [parse_article(f"{text} {i}.", id=f"a{i}", language=lang)
              for i, (text, lang) in enumerate([(IT, "it"), (EN, "en")] * 3)]
    return [load_article(SEED_PATH), *others]


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_analyse_many_gives_the_records_of_analyse(articles, batch_size):
    expected = [analyse(a) for a in articles]
    got = list(analyse_many(iter(articles), batch_size=batch_size))
    assert json.dumps(got, sort_keys=False) == json.dumps(expected, sort_keys=False)
    assert [r["id"] for r in got] == [a.id for a in articles]
    assert got[0]["attributions"] and got[0]["hedges"] and got[0]["times"]


def test_a_failing_detector_is_recorded_for_its_article_only(articles, monkeypatch):
    def hedges_or_fail(parsed):
        if parsed.article.id == "a2":
            raise RuntimeError("broken lexicon")
        return "hedges of " + parsed.article.id

    detectors = [(keys, hedges_or_fail if keys == ("hedges",) else detector)
                 for keys, detector in pipeline.DETECTORS]
    monkeypatch.setattr(pipeline, "DETECTORS", detectors)
    got = list(analyse_many(articles, batch_size=4))
    assert len(got) == len(articles)
    failed = got[3]
    assert failed == {"id": "a2", "path": "a2",
                      "skipped": "analysis failed: RuntimeError: broken lexicon"}
    others = [r for r in got if r is not failed]
    assert all(r["skipped"] is None and r["hedges"] == f"hedges of {r['id']}" for r in others)
    # the detectors after the failing one still ran on the rest of its batch
    assert all("times" in r for r in others)


def test_a_failing_parse_is_recorded(articles, monkeypatch):
    parse = pipeline.parse

    def parse_or_fail(article):
        if article.id == "a0":
            raise ValueError("no pipeline")
        return parse(article)

    monkeypatch.setattr(pipeline, "parse", parse_or_fail)
    got = list(analyse_many(articles[:3]))
    assert got[1] == {"id": "a0", "path": "a0",
                      "skipped": "analysis failed: ValueError: no pipeline"}
    assert got[0]["skipped"] is None and got[2]["skipped"] is None


def test_batch_size_must_be_positive(articles):
    with pytest.raises(ValueError, match="batch_size must be at least 1, not 0"):
        next(analyse_many(articles, batch_size=0))


def test_a_text_too_long_to_parse_is_skipped_with_a_message():
    from analysis.nlp import get_nlp

    limit = get_nlp("it").max_length
    long_one = parse_article("parola " * (limit // 7 + 1), id="lungo", language="it")
    short_one = parse_article("Una frase breve.", id="breve", language="it")
    long_record, short_record = analyse_many([long_one, short_one])
    assert "more than the 1,000,000 the parser takes" in long_record["skipped"]
    assert long_record["id"] == "lungo" and short_record["skipped"] is None

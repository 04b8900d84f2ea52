"""Streaming topics: two clear themes are found, the run is repeatable, shares add up."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.streaming import StreamingTopics, topic_shares

WAR = ["The army moved troops and tanks to the border.",
       "Soldiers and tanks crossed the border as the army advanced.",
       "The army sent more troops and soldiers to the front."]
MARKET = ["Shares fell as investors sold stocks on the market.",
          "The stock market rallied and investors bought shares.",
          "Investors watched stocks and shares on a volatile market."]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    path = tmp_path_factory.mktemp("stream") / "news.jsonl"
    rows = []
    for i in range(12):
        theme = WAR if i % 2 == 0 else MARKET
        rows.append({"id": f"a{i:02d}", "text": " ".join(theme[j % 3] for j in range(i, i + 3)),
                     "outlet": "north" if i < 6 else "south",
                     "published": f"2024-0{1 + i % 2}-15", "language": "en"})
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def fit(table):
    model = StreamingTopics(n_topics=2, n_features=2**12, partition_size=5, min_df=2,
                            max_df=0.9, epochs=5)
    return model, model.fit_transform(table)


def test_two_themes_become_two_topics(table):
    model, docs = fit(table)
    assert len(docs) == 12 and model.n_documents_ == 12
    top = docs[["topic_0", "topic_1"]].to_numpy().argmax(axis=1)
    war = top[::2]
    market = top[1::2]
    assert len(set(war)) == 1 and len(set(market)) == 1 and war[0] != market[0]
    terms = model.topic_terms(4)
    war_terms = set(terms[terms["topic"] == war[0]]["term"])
    assert war_terms & {"army", "troop", "tank", "soldier", "border"}


def test_same_corpus_same_topics(table):
    first = fit(table)[0].topic_terms(5)
    second = fit(table)[0].topic_terms(5)
    pd.testing.assert_frame_equal(first, second)


def test_shares_by_outlet_and_month(table):
    _, docs = fit(table)
    shares = topic_shares(docs)
    assert list(shares.columns) == ["outlet", "month", "topic", "share", "articles"]
    assert set(shares["month"]) == {"2024-01", "2024-02"}
    totals = shares.groupby(["outlet", "month"])["share"].sum()
    assert ((totals - 1).abs() < 1e-3).all()
    assert shares.groupby(["outlet", "month"])["articles"].first().sum() == 12


def test_nothing_to_model(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Only one small document here."}),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="no term is in at least 2 documents"):
        StreamingTopics(n_topics=2).fit_transform(path)

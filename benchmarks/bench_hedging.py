"""Hedge cue detection: accuracy on the Szeged Uncertainty Corpus and speed.

Accuracy: precision, recall and F1 of English hedge cues (character overlap and exact match)
against the ``<ccue>`` annotation of the WikiWeasel part of the Szeged Uncertainty Corpus
(Szarvas et al. 2012, doi:10.1162/COLI_a_00098). That corpus is **Wikipedia**, not newswire.
Its documents are split in two by position (even: development, odd: test); the English
lexicon was checked against the development half only, so the test half is the figure to
quote. The scheme annotates speculation only (modal/probable, doxastic, condition,
investigation): approximators and boosters have no counterpart there, so they are left out of
the scored cues and reported apart. Per category: the precision of each of our categories
(its cues that overlap any gold cue) and the recall of each Szeged type.

Speed: the time ``find_hedges`` takes on already-parsed articles, as a ratio to bare spaCy
tokenisation (``spacy.blank(lang)``) of the same texts, measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_hedging.py`` (needs ``../shared/corpora``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import spacy
from timing import best_of

from analysis import Article, find_hedges, parse, scores_table, span_scores
from analysis.paths import SHARED_CORPORA
from analysis.validation import read_szeged, validate_szeged

SZEGED = SHARED_CORPORA / "szeged-uncertainty" / "wiki.xml"
ITALIAN = (SHARED_CORPORA / "meantime" / "meantime_it.jsonl",
           SHARED_CORPORA / "semeval2023-frames" / "it" / "train" / "text")
#: The comparison the issue names: a regular expression over twenty common hedge words.
BASELINE = re.compile(
    r"\b(?:may|might|could|would|possibly|probably|perhaps|likely|possible|suggests?|"
    r"suggested|believed?|thought|considered|seems?|appears?|if|whether|unlikely|"
    r"apparently)\b",
    re.IGNORECASE,
)
REPEATS = 3


def comparisons(documents: list[tuple[Article, list]]) -> pd.DataFrame:
    """Rows beside the detector's own scores (``validate_szeged``): the detector with
    approximators counted, and the 20-word regular expression, both by overlap."""
    with_approximators, baseline, gold = [], [], []
    for article, cues in documents:
        with_approximators += [(article.id, h.start, h.end)
                               for h in find_hedges(parse(article), boosters=False)]
        baseline += [(article.id, m.start(), m.end()) for m in BASELINE.finditer(article.text)]
        gold += [g[:3] for g in cues]
    return scores_table({
        "hedges + approximators, overlap": span_scores(with_approximators, gold, "overlap"),
        "20-word regex baseline, overlap": span_scores(baseline, gold, "overlap"),
    })


def speed(articles: list[Article], lang: str) -> dict[str, float]:
    """Seconds of bare tokenisation, of hedge detection on parsed articles, and their ratio."""
    tokenizer = spacy.blank(lang).tokenizer
    parsed = [parse(a) for a in articles]
    texts = [a.text for a in articles]
    bare = best_of(lambda: [tokenizer(t) for t in texts], REPEATS)
    hedging = best_of(lambda: [find_hedges(p) for p in parsed], REPEATS)
    tokens = sum(len(p.doc) for p in parsed)
    return {"articles": len(articles), "tokens": tokens, "tokenise_s": round(bare, 3),
            "hedging_s": round(hedging, 3), "ratio": round(hedging / bare, 2)}


def italian_articles(sources: Iterable[Path]) -> list[Article]:
    """The Italian MEANTIME and SemEval-2023 articles as plain Italian articles."""
    meantime, semeval = sources
    articles = [Article(r["id"], f"{r['title']}\n{r['text']}", language="it")
                for r in map(json.loads, meantime.read_text(encoding="utf-8").splitlines())]
    articles += [Article(p.stem, p.read_text(encoding="utf-8"), language="it")
                 for p in sorted(semeval.glob("*.txt"))]
    return articles


def main() -> int:
    if not SZEGED.exists():
        print(f"skipped: the Szeged Uncertainty Corpus is not at {SZEGED}")
        return 0
    documents = read_szeged(SZEGED)
    pd.set_option("display.width", 120)
    for name, half in (("development", documents[0::2]), ("test", documents[1::2])):
        n_gold = sum(len(g) for _, g in half)
        print(f"\n== Szeged Uncertainty Corpus, Wikipedia (not newswire), {name} half: "
              f"{len(half)} documents, {n_gold} gold cues ==")
        tables = validate_szeged(half)
        for title in ("scores", "precision by category", "recall by type"):
            print(f"\n-- {title} --\n{tables[title].to_string()}")
        print(f"\n-- comparisons --\n{comparisons(half).to_string()}")
    print("\n== Speed: find_hedges on parsed articles vs bare spaCy tokenisation ==")
    rows = {"en (Szeged test half)": speed([a for a, _ in documents[1::2]], "en")}
    if all(p.exists() for p in ITALIAN):
        rows["it (MEANTIME + SemEval-2023)"] = speed(italian_articles(ITALIAN), "it")
    print(pd.DataFrame(rows).T.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import spacy

from analysis import Article, find_hedges, parse, scores_table, span_scores
from analysis.hedging import BOOSTER, CATEGORIES
from analysis.paths import SHARED_CORPORA

SZEGED = SHARED_CORPORA / "szeged-uncertainty" / "wiki.xml"
ITALIAN = (SHARED_CORPORA / "meantime" / "meantime_it.jsonl",
           SHARED_CORPORA / "semeval2023-frames" / "it" / "train" / "text")
#: Categories the Szeged scheme does not annotate (reported apart, not scored).
UNSCORED = ("approximator", BOOSTER)
#: Szeged cue types, shortened.
SZEGED_TYPES = {
    "speculation_modal_probable_": "modal/probable",
    "speculation_hypo_doxastic _": "doxastic",
    "speculation_hypo_condition _": "condition",
    "speculation_hypo_investigation _": "investigation",
}
#: The comparison the issue names: a regular expression over twenty common hedge words.
BASELINE = re.compile(
    r"\b(?:may|might|could|would|possibly|probably|perhaps|likely|possible|suggests?|"
    r"suggested|believed?|thought|considered|seems?|appears?|if|whether|unlikely|"
    r"apparently)\b",
    re.IGNORECASE,
)
REPEATS = 3

Gold = list[tuple[str, int, int, str]]


def load_szeged(path: Path) -> list[tuple[Article, Gold]]:
    """One English article per Szeged document (sentences joined by newlines) and its cues."""
    documents = []
    for number, document in enumerate(ET.parse(path).getroot().iter("Document")):
        doc_id = f"{number}:{document.findtext('DocID')}"
        text, gold = "", []
        for sentence in document.iter("Sentence"):
            if text:
                text += "\n"
            text += sentence.text or ""
            for child in sentence:
                if child.tag == "ccue":
                    start = len(text)
                    text += child.text or ""
                    gold.append((doc_id, start, len(text), SZEGED_TYPES[child.get("type")]))
                else:
                    text += child.text or ""
                text += child.tail or ""
        documents.append((Article(doc_id, text, language="en"), gold))
    return documents


def evaluate(documents: list[tuple[Article, Gold]]) -> dict[str, pd.DataFrame]:
    """Overlap and exact scores, per-category precision and per-type recall."""
    predicted, gold = [], []
    for article, cues in documents:
        predicted += [(article.id, h.start, h.end, h.category)
                      for h in find_hedges(parse(article), boosters=True)]
        gold += cues
    scored = [p[:3] for p in predicted if p[3] not in UNSCORED]
    gold_spans = [g[:3] for g in gold]
    baseline = [(a.id, m.start(), m.end()) for a, _ in documents
                for m in BASELINE.finditer(a.text)]
    overall = scores_table({
        "hedges, overlap": span_scores(scored, gold_spans, "overlap"),
        "hedges, exact": span_scores(scored, gold_spans, "exact"),
        "hedges + approximators, overlap": span_scores(
            [p[:3] for p in predicted if p[3] != BOOSTER], gold_spans, "overlap"),
        "20-word regex baseline, overlap": span_scores(baseline, gold_spans, "overlap"),
    })
    precision = {}
    for category in (*CATEGORIES, BOOSTER):
        mine = [p[:3] for p in predicted if p[3] == category]
        s = span_scores(mine, gold_spans, "overlap")
        precision[category] = {"cues": len(mine), "overlap gold": s.tp,
                               "precision": round(s.precision, 3) if mine else None}
    recall = {}
    for kind in SZEGED_TYPES.values():
        theirs = [g[:3] for g in gold if g[3] == kind]
        s = span_scores(scored, theirs, "overlap")
        recall[kind] = {"gold cues": len(theirs), "found": len(theirs) - s.fn,
                        "recall": round(s.recall, 3)}
    return {"overall": overall,
            "precision by our category": pd.DataFrame(precision).T,
            "recall by Szeged type": pd.DataFrame(recall).T}


def _best_time(work: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def speed(articles: list[Article], lang: str) -> dict[str, float]:
    """Seconds of bare tokenisation, of hedge detection on parsed articles, and their ratio."""
    tokenizer = spacy.blank(lang).tokenizer
    parsed = [parse(a) for a in articles]
    texts = [a.text for a in articles]
    bare = _best_time(lambda: [tokenizer(t) for t in texts])
    hedging = _best_time(lambda: [find_hedges(p) for p in parsed])
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
    documents = load_szeged(SZEGED)
    pd.set_option("display.width", 120)
    for name, half in (("development", documents[0::2]), ("test", documents[1::2])):
        n_gold = sum(len(g) for _, g in half)
        print(f"\n== Szeged Uncertainty Corpus, Wikipedia (not newswire), {name} half: "
              f"{len(half)} documents, {n_gold} gold cues ==")
        for title, table in evaluate(half).items():
            print(f"\n-- {title} --\n{table.to_string()}")
    print("\n== Speed: find_hedges on parsed articles vs bare spaCy tokenisation ==")
    rows = {"en (Szeged test half)": speed([a for a, _ in documents[1::2]], "en")}
    if all(p.exists() for p in ITALIAN):
        rows["it (MEANTIME + SemEval-2023)"] = speed(italian_articles(ITALIAN), "it")
    print(pd.DataFrame(rows).T.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())

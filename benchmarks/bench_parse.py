"""The trained pipelines' speed: words per second of the parse and of the full analysis.

In one process, on the same texts, in the same run: bare spaCy tokenisation
(``spacy.blank(lang)``), the blank pipeline the workbook used before its trained pipelines (the
sentencizer and lookup lemmas: ``lookup_lemmas``), the trained pipeline (``get_nlp(lang)``:
sentencizer, tok2vec, morphologizer, trainable lemmatizer, parser), and the full analysis of
every article (``analyse_many``: the parse and every detector). The trained pipeline is also
timed without each of its rule-based pipes in turn (``apostrophe_norms``, ``lemma_fallback``,
``mood_forms``), so that each one's cost is the difference. With ``--pipeline FOLDER``
other trained pipelines (say, another configuration from ``make models CONFIG=...``) are timed
beside the shipped one. spaCy publishes about 10,000 words per second on a CPU for its small
pipelines (https://spacy.io/usage/facts-figures).

Texts: the MEANTIME articles of each language (120 each), read in place.

Run: ``.venv/bin/python benchmarks/bench_parse.py [--pipeline LANG=FOLDER ...]``
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd
import spacy
from spacy.pipeline import TrainablePipe
from timing import best_of

from analysis import analyse_many, load_corpus
from analysis.nlp import get_nlp
from analysis.paths import SHARED_CORPORA

MEANTIME = SHARED_CORPORA / "meantime"


def old_blank_pipeline(lang: str) -> spacy.language.Language:
    """The pipeline the workbook ran before it had trained ones: sentencizer and lookup
    lemmas."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("array_sentencizer", name="sentencizer", config={"line_breaks": True})
    nlp.add_pipe("lookup_lemmas")
    return nlp


def rows(lang: str, extra: dict[str, str]) -> list[dict[str, object]]:
    corpus = load_corpus(MEANTIME / f"meantime_{lang}.jsonl")
    texts = [article.text for article in corpus]
    blank = spacy.blank(lang)
    words = sum(len(doc) for doc in blank.pipe(texts))
    pipelines = {"bare tokenisation (spacy.blank)": blank,
                 "old blank pipeline (sentencizer + lookup lemmas)": old_blank_pipeline(lang),
                 "trained pipeline (shipped)": get_nlp(lang)}
    for name, folder in extra.items():
        nlp = spacy.load(folder)
        nlp.add_pipe("array_sentencizer", name="sentencizer", first=True,
                     config={"line_breaks": True})
        pipelines[f"trained pipeline ({name})"] = nlp
    times = {name: best_of(lambda nlp=nlp: list(nlp.pipe(texts, batch_size=64)))
             for name, nlp in pipelines.items()}
    shipped = pipelines["trained pipeline (shipped)"]
    for rule in [name for name, pipe in shipped.pipeline
                 if not isinstance(pipe, TrainablePipe) and name != "sentencizer"]:
        times[f"trained pipeline without {rule}"] = best_of(
            lambda rule=rule: list(shipped.pipe(texts, batch_size=64, disable=[rule])))
    times["full analysis (analyse_many)"] = best_of(lambda: list(analyse_many(corpus)))
    base = times["bare tokenisation (spacy.blank)"]
    return [{"language": lang, "what": name, "words/s": round(words / seconds),
             "x tokenisation": round(seconds / base, 1)} for name, seconds in times.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pipeline", action="append", default=[], metavar="LANG=FOLDER",
                        help="another trained pipeline to time, e.g. it=build/train/it/model-best")
    args = parser.parse_args()
    if not MEANTIME.is_dir():
        sys.exit(f"{MEANTIME} is absent: the benchmark reads the MEANTIME corpus in place")
    extra: dict[str, dict[str, str]] = {"it": {}, "en": {}}
    for item in args.pipeline:
        lang, _, folder = item.partition("=")
        extra[lang][folder] = folder
    table = pd.DataFrame([row for lang in ("it", "en") for row in rows(lang, extra[lang])])
    print(table.to_markdown(index=False))


if __name__ == "__main__":
    main()

"""Framing benchmark: the frame classifier and the frame lexicons on SemEval-2023 Task 3, speed.

Classifier: nested cross-validation on ``semeval2023-frames/{it,en}/train`` (Piskorski et al.
2023, doi:10.18653/v1/2023.semeval-1.317). The outer 5 folds score :class:`FrameClassifier`,
whose ``fit`` chooses ``C`` and the threshold by its own inner cross-validation on the outer
training folds only, so the outer micro/macro F1 is not biased by that choice. For context:
a prior baseline (every article gets the ``k`` frames most frequent in the training folds, ``k``
the median number of labels per training article) and the inner-CV score of a fit on all the
articles (optimistic: it chose its own settings).

Lexicons: per Media Frames dimension, the precision of its hits (share of hits in articles
labelled with that frame) against the frame's prevalence (the precision of random hits), the
lift, and the recall of "the frame is among the article's three top lexicon frames"; then the
lexicon's top three frames as a multi-label prediction, scored like the classifier. The
lexicons were written from the codebook, then stems and homographs that misfired on this
train set were fixed (e.g. Italian "nato", "born", vs NATO): these figures are therefore
slightly optimistic.

Speed: ``find_frame_cues`` on parsed articles and ``FrameClassifier.predict``, each as a
multiple of bare spaCy tokenisation (``spacy.blank(lang)``) of the same texts, same run.

Run: ``.venv/bin/python benchmarks/bench_framing.py`` (needs ``../shared/corpora``).
"""

from __future__ import annotations

import sys
import time
from collections import Counter

import numpy as np
import pandas as pd
import spacy
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold
from sklearn.preprocessing import MultiLabelBinarizer

from analysis import FrameClassifier, find_frame_cues, lexicon_precision, parse, read_semeval
from analysis.corpus import parse_article
from analysis.framing import MFC_FRAMES, top_frames
from analysis.paths import SHARED_CORPORA

SEMEVAL = SHARED_CORPORA / "semeval2023-frames"
LANGUAGES = ("it", "en")
OUTER_FOLDS = 5
RANDOM_STATE = 0


def f1_pair(gold: list[list[str]], predicted: list[list[str]]) -> tuple[float, float]:
    """Micro and macro F1 over the 14 Media Frames dimensions."""
    binarizer = MultiLabelBinarizer(classes=list(MFC_FRAMES))
    y, p = binarizer.fit_transform(gold), binarizer.transform(predicted)
    return (round(f1_score(y, p, average="micro", zero_division=0), 3),
            round(f1_score(y, p, average="macro", zero_division=0), 3))


def nested_cv(texts: list[str], labels: list[list[str]]) -> dict[str, object]:
    """Outer-fold predictions of the classifier and of the prior baseline."""
    predicted: list[list[str]] = [[] for _ in texts]
    baseline: list[list[str]] = [[] for _ in texts]
    chosen = []
    outer = KFold(OUTER_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    for train, test in outer.split(texts):
        model = FrameClassifier(random_state=RANDOM_STATE)
        model.fit([texts[i] for i in train], [labels[i] for i in train])
        for i, frames in zip(test, model.predict([texts[i] for i in test])):
            predicted[i] = frames
        counts = Counter(f for i in train for f in labels[i])
        k = int(np.median([len(labels[i]) for i in train]))
        for i in test:
            baseline[i] = [f for f, _ in counts.most_common(k)]
        chosen.append(f"C={model.best_C_:g}/t={model.threshold_:g}")
    return {"classifier": f1_pair(labels, predicted), "prior": f1_pair(labels, baseline),
            "chosen": ", ".join(chosen)}


def main() -> int:
    if not SEMEVAL.exists():
        print(f"skipped: {SEMEVAL.name} is not beside the checkout (../shared/corpora)")
        return 0
    pd.set_option("display.width", 120)
    summary = []
    for lang in LANGUAGES:
        ids, texts, labels = read_semeval(SEMEVAL / lang / "train")
        print(f"\n=== {lang}: {len(texts)} labelled articles ===")
        result = nested_cv(texts, labels)
        full = FrameClassifier(random_state=RANDOM_STATE).fit(texts, labels)

        articles = [parse_article(t, id=i, format="headline", language=lang)
                    for i, t in zip(ids, texts)]
        blank = spacy.blank(lang)
        start = time.perf_counter()
        for article in articles:
            blank(article.text)
        tokenise = time.perf_counter() - start
        parsed = [parse(a) for a in articles]
        start = time.perf_counter()
        cues = {a.id: find_frame_cues(p) for a, p in zip(articles, parsed)}
        lexicon_time = time.perf_counter() - start
        start = time.perf_counter()
        full.predict(texts)
        predict_time = time.perf_counter() - start

        gold = dict(zip(ids, labels))
        print("Lexicon, per Media Frames dimension:")
        print(lexicon_precision(cues, gold).to_string(index=False))
        lexicon_top3 = f1_pair(labels, [top_frames(cues[i], 3) for i in ids])
        summary += [
            {"language": lang, "method": "classifier, nested 5-fold CV",
             "micro_f1": result["classifier"][0], "macro_f1": result["classifier"][1]},
            {"language": lang, "method": "prior baseline (k most frequent)",
             "micro_f1": result["prior"][0], "macro_f1": result["prior"][1]},
            {"language": lang, "method": "lexicon top-3 frames",
             "micro_f1": lexicon_top3[0], "macro_f1": lexicon_top3[1]},
            {"language": lang, "method": "classifier inner CV, fit on all (optimistic)",
             "micro_f1": round(full.cv_micro_f1_, 3), "macro_f1": round(full.cv_macro_f1_, 3)},
        ]
        print(f"chosen per outer fold: {result['chosen']}")
        print(f"speed: find_frame_cues {lexicon_time / tokenise:.2f}x, "
              f"FrameClassifier.predict {predict_time / tokenise:.2f}x bare spaCy tokenisation")
    print("\n=== Multi-label F1 over the 14 frames ===")
    print(pd.DataFrame(summary).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks for large corpora, each a ratio against a baseline measured in the same run.

Real text from ../shared/corpora (PolNeAR English articles and SemEval-2023 Italian articles);
the script exits with a message when those corpora are absent. Run: ``make bench`` or
``.venv/bin/python benchmarks/bench_scale.py [--big 100000]``.

1. full per-article analysis vs bare spaCy blank tokenisation of the same texts (goal <= 3x)
2. the package's TF-IDF + NMF vs bare scikit-learn TfidfVectorizer + NMF (goal <= 1.2x)
3. dask with 2 workers vs 1 process (goal >= 1.6x faster on 2 cores)
4. peak memory of the streaming topic path at 1x and 4x corpus size (goal < 1.5x growth)
5. a run over --big articles (the real corpus replicated, said as such): time and peak memory
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from timing import best_of

from analysis import SEED_PATH, load_article, load_corpus, parse
from analysis.paths import SHARED_CORPORA
from analysis.pipeline import BATCH_SIZE, analyse, analyse_many
from analysis.topics import TopicModel
from analysis.vocabulary import text_units


def real_articles(limit: int):
    english = SHARED_CORPORA / "polnear" / "train" / "text"
    italian = SHARED_CORPORA / "semeval2023-frames" / "it" / "train" / "text"
    if not english.exists() or not italian.exists():
        sys.exit(f"skipped: the research corpora are absent ({SHARED_CORPORA})")
    articles = (load_corpus(italian, format="headline", progress=False).articles
                + load_corpus(english, progress=False).articles)
    return articles[:limit]


def bench_analysis(articles) -> None:
    blank = {lang: spacy.blank(lang) for lang in {a.language for a in articles}}
    words = sum(len(a.text.split()) for a in articles)
    # build the pipelines and load the lexicons once, on an article not measured
    analyse(load_article(SEED_PATH))

    def tokenise():
        for a in articles:
            blank[a.language](a.text)

    def batched():  # what ``analyze`` and ``annotate`` run
        for _ in analyse_many(articles):
            pass

    def one_by_one():
        for a in articles:
            analyse(a)

    # first passes: the tokenizers' caches and the analysis' memos (lemmas, frame cues, word
    # forms, time expressions) have seen none of these texts yet
    first_base = best_of(tokenise, repeats=1)
    first_full = best_of(batched, repeats=1)
    base = best_of(tokenise)
    full_time = best_of(batched)
    single_time = best_of(one_by_one)
    print(f"[1] full analysis vs bare tokenisation ({len(articles)} articles, {words} words): "
          f"{full_time / base:.2f}x in batches of {BATCH_SIZE} (goal <= 3x), "
          f"{single_time / base:.2f}x one article at a time, {first_full / first_base:.2f}x "
          f"on the first pass over the texts; tokenisation {words / base:,.0f} words/s, full "
          f"analysis {words / full_time:,.0f} words/s")


def bench_topics(articles, k: int = 10) -> None:
    texts = [a.text for a in articles]
    parsed = [parse(a) for a in articles]

    def baseline():
        matrix = TfidfVectorizer(min_df=2, max_df=0.5).fit_transform(texts)
        return NMF(n_components=k, init="nndsvda", max_iter=400, random_state=0).fit(matrix)

    def package_model():
        units = text_units(parsed, "article")
        return TopicModel(k, min_df=2, max_df=0.5).fit(units)

    def package_end_to_end():
        units = text_units([parse(a) for a in articles], "article")
        return TopicModel(k, min_df=2, max_df=0.5).fit(units)

    base = best_of(baseline)
    model = best_of(package_model)
    whole = best_of(package_end_to_end, repeats=1)
    print(f"[2] TF-IDF + NMF, package vs scikit-learn ({len(texts)} articles, k={k}): "
          f"{model / base:.2f}x on parsed text (goal <= 1.2x); {whole / base:.2f}x including "
          "spaCy parsing and lemmas, which the baseline's regex tokenizer does not do")


def write_jsonl(articles, path: Path, copies: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for a in articles:
                handle.write(json.dumps({"id": f"{a.id}#{copy}", "text": a.text,
                                         "title": a.title, "outlet": a.outlet,
                                         "language": a.language}) + "\n")
                n += 1
    return n


_SINGLE = """
import sys
from analysis import load_corpus
from analysis.scale import analyse_corpus
analyse_corpus(load_corpus(sys.argv[1], progress=False))
"""

#: Peak resident memory (KiB) of the calling process: ``VmHWM`` belongs to the process's own
#: address space, whereas ``ru_maxrss`` survives ``exec`` and would report the benchmark
#: process that started the measured one.
_PEAK = """
def peak_kib():
    with open("/proc/self/status") as status:
        return int(status.read().split("VmHWM:")[1].split()[0])
"""

_DASK = _PEAK + """
import sys
from analysis.scale import dask_client, analyze_corpus
client, cluster = dask_client(None, 2)  # the LocalCluster analyze_corpus would start
summary = analyze_corpus(sys.argv[1], sys.argv[2], scheduler=cluster.scheduler_address,
                         partition_size=int(sys.argv[3]), progress=False)
workers = client.run(peak_kib)
print(summary.counts.get("articles", 0), peak_kib(), max(workers.values()))
"""


def python_run(code: str, *args: str) -> tuple[float, str]:
    """Wall time and output of ``code`` run by a fresh Python (imports and start-up included)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    return time.perf_counter() - start, out.stdout


def bench_dask(articles, tmp: Path, copies: int, runs: int) -> None:
    """Alternate one-process and two-worker runs ``runs`` times; report the median ratio."""
    corpus = tmp / f"dask-{copies}.jsonl"
    n = write_jsonl(articles, corpus, copies)
    pairs = []
    for run in range(runs):
        single, _ = python_run(_SINGLE, str(corpus))
        two, _ = python_run(_DASK, str(corpus), str(tmp / f"dask-out-{copies}-{run}"), "100")
        pairs.append((single / two, single, two))
    ratio, single, two = sorted(pairs)[len(pairs) // 2]
    spread = (f"; {min(pairs)[0]:.2f}x to {max(pairs)[0]:.2f}x over {runs} alternated runs"
              if runs > 1 else "")
    print(f"[3] dask, 2 workers vs 1 process ({n} articles: {len(articles)} real ones "
          f"replicated {copies} times; each run a fresh Python reading the same JSONL file, "
          f"start-up included): {ratio:.2f}x faster (goal >= 1.6x); 1 process {single:.1f} s, "
          f"2 workers {two:.1f} s{' (the median run)' if runs > 1 else ''}{spread}")


_STREAM = _PEAK + """
import sys
from analysis.streaming import StreamingTopics
StreamingTopics(n_topics=10, partition_size=100).fit_transform(sys.argv[1])
print(peak_kib())
"""


def child_peak_kib(code: str, *args: str) -> int:
    return int(python_run(code, *args)[1].strip().splitlines()[-1])


def bench_streaming_memory(articles, tmp: Path) -> None:
    one, four = tmp / "x1.jsonl", tmp / "x4.jsonl"
    n1 = write_jsonl(articles, one, 1)
    n4 = write_jsonl(articles, four, 4)
    m1, m4 = child_peak_kib(_STREAM, str(one)), child_peak_kib(_STREAM, str(four))
    print(f"[4] streaming topics peak memory: {m1 / 1024:.0f} MiB at {n1} articles, "
          f"{m4 / 1024:.0f} MiB at {n4} (replicated): {m4 / m1:.2f}x growth (goal < 1.5x)")


def bench_big(articles, tmp: Path, n_big: int) -> None:
    corpus = tmp / "big.jsonl"
    copies = -(-n_big // len(articles))
    n = write_jsonl(articles, corpus, copies)
    elapsed, out = python_run(_DASK, str(corpus), str(tmp / "big-out"), "200")
    written, driver, workers = (int(x) for x in out.split())
    print(f"[5] {n} articles ({len(articles)} real articles replicated {copies} times), "
          f"2 workers, a fresh Python: {elapsed / 60:.1f} min, {n / elapsed:.0f} articles/s; "
          f"peak memory: driver (with the local scheduler) {driver / 1024:.0f} MiB, largest "
          f"worker {workers / 1024:.0f} MiB; {written} articles written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="real articles used")
    parser.add_argument("--dask-copies", type=int, nargs="+", default=[10, 50],
                        help="replicate the articles this many times for the dask comparison "
                             "(several values: one comparison per corpus size)")
    parser.add_argument("--dask-runs", type=int, default=3,
                        help="alternated runs of each side per corpus size (the median is shown)")
    parser.add_argument("--big", type=int, default=0,
                        help="also run over this many articles (e.g. 100000); 0 skips it")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} "
          "cores available")
    articles = real_articles(args.articles)
    bench_analysis(articles)
    bench_topics(articles)
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.dask_copies:
            bench_dask(articles, Path(tmp), copies, args.dask_runs)
        bench_streaming_memory(articles, Path(tmp))
        if args.big:
            bench_big(articles, Path(tmp), args.big)


if __name__ == "__main__":
    main()

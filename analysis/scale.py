"""The per-article analysis over a large corpus, in partitions, on dask.distributed.

The driver only lists files and streams table rows; each partition (some files, or a run of
rows of a CSV/JSONL table) is loaded, analysed with :func:`analysis.pipeline.analyse_many` and
written as Parquet parts by a worker. A finished partition leaves a marker, so a rerun after a
crash resumes where it stopped, and a worker that dies loses only the partition it was working
on (dask gives that one to another worker). The results are Parquet datasets (one folder per
table, one file per partition) that :func:`load_results` reads back in corpus order, identical
to :func:`analyse_corpus` in a single process.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import (
    TABLE_SUFFIXES,
    Corpus,
    RowRun,
    Skipped,
    apply_metadata,
    article_from_row,
    iter_rows,
    load_file,
    row_runs,
)
from .errors import CorpusError
from .pipeline import analyse_many, record_words
from .sourcing import NAMED_TYPES

ARTICLE_COLUMNS = ["id", "path", "title", "outlet", "published", "language", "n_sentences",
                   "n_words", "n_characters"]
SKIPPED_COLUMNS = ["path", "reason"]
DEFAULT_PARTITION_SIZE = 100
DONE = "_done"


# --- records to tidy tables ------------------------------------------------------------------


def _flatten(value: dict[str, Any]) -> dict[str, Any]:
    """``{"source": {"start": 1}}`` -> ``{"source_start": 1}`` (flat columns for Parquet)."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            flat.update({f"{key}_{sub}": sub_value for sub, sub_value in item.items()})
        else:
            flat[key] = item
    return flat


def records_to_tables(records: Iterable[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """Turn annotate records into tidy tables, one row per finding, keyed by article id.

    Parameters
    ----------
    records : iterable of dict
        Records of :func:`analysis.pipeline.analyse`, or ``{"path", "skipped"}`` records.

    Returns
    -------
    dict of str -> DataFrame
        ``articles`` (one row per analysed article), ``skipped`` (path, reason), one table per
        list-valued detector key (``hedges``, ``attributions``, ``quotes``, ``times``) and one
        per dict-valued key (``frames``: id, name, score), for the detectors that exist.
    """
    articles, skipped = [], []
    findings: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record.get("skipped"):
            skipped.append({"path": record.get("path"), "reason": record["skipped"]})
            continue
        text = record["text"]
        articles.append({
            **{key: record.get(key) for key in ARTICLE_COLUMNS[:6]},
            "n_sentences": len(record["sentences"]),
            "n_words": record_words(record),
            "n_characters": len(text),
        })
        for key, value in record.items():
            if key == "sentences":
                continue
            if isinstance(value, list):
                rows = [{"id": record["id"], **_flatten(item)} for item in value]
            elif isinstance(value, dict):
                rows = [{"id": record["id"], "name": name, "score": score}
                        for name, score in sorted(value.items())]
            else:
                continue
            findings.setdefault(key, []).extend(rows)
    tables = {
        "articles": pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        "skipped": pd.DataFrame(skipped, columns=SKIPPED_COLUMNS),
    }
    tables.update({key: pd.DataFrame(rows) for key, rows in findings.items()})
    return tables


def _analyse_safely(corpus: Corpus) -> list[dict[str, Any]]:
    """Analyse every article; one that raises becomes a skipped record with the reason."""
    records = list(analyse_many(corpus))
    records += [{"path": s.path, "skipped": s.reason} for s in corpus.skipped]
    return records


def analyse_corpus(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Single-process analysis of a loaded corpus, as tidy tables (the reference)."""
    return records_to_tables(_analyse_safely(corpus))


# --- partitions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadOptions:
    """How workers load articles (the ``load_corpus`` options that apply per file or row)."""

    language: str = "auto"
    columns: dict[str, str] | None = None
    metadata: str | None = None


@dataclass(frozen=True)
class Partition:
    """A slice of the corpus: some article files, or a run of rows of one table file.

    A partition names its rows by byte offset and count, never carries them: the worker that
    runs it reads them from the file (the driver and the scheduler hold no text).
    """

    index: int
    files: tuple[str, ...] = ()
    table: str | None = None
    run: RowRun | None = None

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"

    def load(self, options: LoadOptions) -> Corpus:
        """Load the partition's articles; what cannot be read is in ``skipped``."""
        corpus = Corpus()
        if self.table is not None:
            for row in iter_rows(self.table, self.run):
                item = article_from_row(row, self.table, columns=options.columns,
                                        language=options.language)
                (corpus.skipped if isinstance(item, Skipped) else corpus.articles).append(item)
        for file in self.files:
            try:
                part = load_file(Path(file), language=options.language, columns=options.columns)
            except CorpusError as err:
                corpus.skipped.append(Skipped(file, str(err)))
                continue
            corpus.articles += part.articles
            corpus.skipped += part.skipped
        if options.metadata is not None:
            apply_metadata(corpus.articles, options.metadata, options.columns)
        return corpus


def iter_partitions(path: str | Path, size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Partition]:
    """Split a corpus into partitions of at most ``size`` articles, streaming, in corpus order.

    Files of a folder are taken in sorted order; a ``.csv``/``.jsonl`` table is cut into runs of
    rows by byte offset (:func:`analysis.corpus.row_runs`), so the driver never holds the corpus.
    The same input always gives the same partitions.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError("missing", path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    index = 0
    pending: list[str] = []
    for file in files:
        if file.suffix.lower() not in TABLE_SUFFIXES:
            pending.append(str(file))
            if len(pending) == size:
                yield Partition(index, files=tuple(pending))
                index, pending = index + 1, []
            continue
        if pending:
            yield Partition(index, files=tuple(pending))
            index, pending = index + 1, []
        for run in row_runs(file, size):
            yield Partition(index, table=str(file), run=run)
            index += 1
    if pending:
        yield Partition(index, files=tuple(pending))


def run_partition(partition: Partition, out: str, options: LoadOptions) -> dict[str, int]:
    """Analyse one partition and write its Parquet parts and its done marker (on a worker)."""
    tables = records_to_tables(_analyse_safely(partition.load(options)))
    root = Path(out)
    counts = {}
    for name, table in tables.items():
        counts[name] = len(table)
        if table.empty:
            continue
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        table.to_parquet(folder / f"{partition.name}.parquet", index=False)
    marker = root / DONE / f"{partition.name}.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(counts), encoding="utf-8")
    return counts


# --- the distributed run -------------------------------------------------------------------------


@dataclass
class RunSummary:
    """What one :func:`analyze_corpus` call did."""

    out: Path
    partitions: int = 0
    resumed: int = 0
    counts: dict[str, int] = field(default_factory=dict)


#: dask settings for the workers of a local batch run. A worker's statistical profiler and its
#: event-loop tick wake it every 10 and 20 ms, and the memory monitor every 100 ms, each time
#: taking Python's lock (the GIL) from the analysis, for diagnostics a batch run never reads.
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def dask_client(scheduler: str | None, workers: int):
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded worker processes, as :func:`analyze_corpus` uses.

    On Linux the local workers are forked from this process, which has imported the analysis
    already, instead of spawned (dask's default), where each worker would import it again; each
    then freezes what it inherited (``gc.freeze``), so that its garbage collector does not walk,
    and copy, the driver's objects. Local workers run with :data:`LOCAL_WORKER_CONFIG`.

    Parameters
    ----------
    scheduler : str or None
        Address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
    workers : int
        Worker processes of the LocalCluster (ignored with ``scheduler``).

    Returns
    -------
    (distributed.Client, distributed.LocalCluster or None)
        Close both when done (the cluster is None for an existing scheduler).
    """
    import gc

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    fork = sys.platform.startswith("linux")
    config = {**LOCAL_WORKER_CONFIG,
              "distributed.worker.multiprocessing-method": "fork" if fork else "spawn"}
    with dask.config.set(config):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    if fork:
        client.run(gc.freeze)
    return client, cluster


def analyze_corpus(
    path: str | Path,
    out: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    language: str = "auto",
    columns: dict[str, str] | None = None,
    metadata: str | Path | None = None,
    progress: bool = True,
) -> RunSummary:
    """Analyse every article of a corpus on dask.distributed and write Parquet tables.

    Parameters
    ----------
    path : path
        A folder of articles, or a ``.csv``/``.jsonl`` table (streamed).
    out : path
        Output folder: one Parquet dataset per table (``articles/``, ``skipped/``,
        ``hedges/``...) and ``_done/`` markers; partitions already done are not redone.
    scheduler : str, optional
        Address of a running dask scheduler (``tcp://host:8786``); a LocalCluster otherwise.
    workers : int
        Worker processes of the LocalCluster (ignored with ``scheduler``).
    partition_size : int
        Articles (files or rows) per partition.
    language, columns, metadata
        As for :func:`analysis.corpus.load_corpus`.
    progress : bool
        Show a progress bar (console or notebook).

    Returns
    -------
    RunSummary
        Partitions run and resumed, and the rows written per table.
    """
    from distributed import as_completed
    from tqdm.auto import tqdm

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    options = LoadOptions(language, dict(columns) if columns else None,
                          None if metadata is None else str(metadata))
    done = {p.stem for p in (out / DONE).glob("*.json")}
    summary = RunSummary(out)
    client, cluster = dask_client(scheduler, workers)
    bar = tqdm(desc="Analysing partitions", unit="partition", disable=not progress)
    try:
        running = as_completed()
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        for partition in iter_partitions(path, partition_size):
            summary.partitions += 1
            if partition.name in done:
                summary.resumed += 1
                bar.update()
                continue
            running.add(client.submit(run_partition, partition, str(out), options, pure=False))
            while running.count() >= window:
                _collect(next(running), summary, bar)
        for future in running:
            _collect(future, summary, bar)
    finally:
        bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return summary


def _collect(future, summary: RunSummary, bar) -> None:
    for name, count in future.result().items():
        summary.counts[name] = summary.counts.get(name, 0) + count
    bar.update()


def load_results(out: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables an :func:`analyze_corpus` run wrote, in corpus order."""
    out = Path(out)
    tables = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name != DONE):
        parts = sorted(folder.glob("part-*.parquet"))
        tables[folder.name] = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    tables.setdefault("articles", pd.DataFrame(columns=ARTICLE_COLUMNS))
    tables.setdefault("skipped", pd.DataFrame(columns=SKIPPED_COLUMNS))
    return tables


def outlet_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per outlet: articles, words, hedges, hedges per 100 words, named-source share.

    Parameters
    ----------
    tables : dict
        The tables of :func:`load_results` (or :func:`analyse_corpus`).

    Returns
    -------
    pandas.DataFrame
        One row per outlet (sorted); rates are rounded (2 and 3 places). The named-source share
        is over the outlet's attributions (NaN for an outlet with none).
    """
    articles = tables["articles"].set_index("id")
    outlet = articles["outlet"].fillna("(unknown)")
    hedges = tables.get("hedges", pd.DataFrame(columns=["id"])).groupby("id").size()
    per_article = pd.DataFrame({
        "outlet": outlet, "words": articles["n_words"],
        "hedges": hedges.reindex(articles.index, fill_value=0)})
    summary = per_article.groupby("outlet").agg(
        articles=("words", "size"), words=("words", "sum"), hedges=("hedges", "sum"))
    summary["hedges per 100 words"] = (100 * summary["hedges"] / summary["words"]).round(2)
    attributions = tables.get("attributions", pd.DataFrame(columns=["id", "source_type"]))
    named = attributions["source_type"].isin(NAMED_TYPES)
    summary["named-source share"] = named.groupby(
        attributions["id"].map(outlet)).mean().round(3)
    return summary.sort_index()

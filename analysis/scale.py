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
import logging
import re
import shutil
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from .corpus import (
    TABLE_SUFFIXES,
    Corpus,
    RowRun,
    Skipped,
    apply_metadata,
    article_from_row,
    corpus_files,
    iter_rows,
    load_file,
    row_runs,
)
from .errors import CorpusError, RunError
from .pipeline import analyse_many, record_words
from .sourcing import NAMED_TYPES

ARTICLE_COLUMNS = ["id", "path", "title", "outlet", "published", "language", "n_sentences",
                   "n_words", "n_characters"]
SKIPPED_COLUMNS = ["path", "reason"]
DEFAULT_PARTITION_SIZE = 100
DONE = "_done"
#: The record of what a run was (corpus files, partitioning, options, package version).
RUN_RECORD = "_run.json"
#: Seconds to wait for a scheduler to answer, and for a worker to connect to it.
SCHEDULER_TIMEOUT = 30.0

# dask warns when a scratch folder takes over a second to create: a remark on the machine's
# load, not on the analysis. Set on import, so that it also holds in the local workers, whose
# fork server imports this module (WORKER_PRELOAD) before it starts them.
warnings.filterwarnings("ignore", message="Creating scratch directories is taking")


def _not_a_heartbeat_at_close(record: logging.LogRecord) -> bool:
    """False for the error a local worker logs when its last heartbeat meets a scheduler that
    has just closed, at the end of a run (dask/distributed#7105): a traceback about shutdown
    order printed into the notebook, not a problem of the analysis. A run whose scheduler
    really dies fails on its futures."""
    return not record.getMessage().startswith("Failed to communicate with scheduler during "
                                              "heartbeat")


# Set on import like the filter above, so that the workers started from the fork server have it.
logging.getLogger("distributed.worker").addFilter(_not_a_heartbeat_at_close)


# --- records to tidy tables ------------------------------------------------------------------


#: Keys of a finding that hold a text span (``{"start", "end", "text"}``) or None.
SPAN_KEYS = ("source", "cue")


def _flatten(value: dict[str, Any]) -> dict[str, Any]:
    """``{"source": {"start": 1}}`` -> ``{"source_start": 1}`` (flat columns for Parquet); a
    span key that is None gives the same columns, empty."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        if item is None and key in SPAN_KEYS:
            item = dict.fromkeys(("start", "end", "text"))
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
    skipped: tuple[Skipped, ...] = ()

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"

    def load(self, options: LoadOptions) -> Corpus:
        """Load the partition's articles; what cannot be read is in ``skipped``."""
        corpus = Corpus(skipped=list(self.skipped))
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
    The same input always gives the same partitions. A table file that cannot be cut into
    rows (empty, binary, not UTF-8) becomes a partition that records it as skipped.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError("missing", path)
    files = [path] if path.is_file() else corpus_files(path)
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
        try:
            runs = list(row_runs(file, size))  # offsets and counts only, never rows
        except CorpusError as err:
            if file == path:  # the corpus is this one table: nothing to go on with
                raise
            yield Partition(index, skipped=(Skipped(str(file), str(err)),))
            index += 1
            continue
        for run in runs:
            yield Partition(index, table=str(file), run=run)
            index += 1
    if pending:
        yield Partition(index, files=tuple(pending))


_INTEGER_COLUMN = re.compile(r"(?:^|_)(?:start|end|sentence)$|^n_")
_COLUMN_TYPES = {"score": "float64", "anomaly": "bool"}


def arrow_schema(table: pd.DataFrame):
    """The one Parquet schema of a table, whatever a partition holds: offsets, sentence
    numbers and counts are integers, ``score`` a float, ``anomaly`` a boolean, the rest text
    (a column of nulls in one partition must not make it a column of another type)."""
    import pyarrow as pa

    fields = []
    for column in table.columns:
        if _INTEGER_COLUMN.search(column):
            kind = pa.int64()
        elif column in _COLUMN_TYPES:
            kind = pa.type_for_alias(_COLUMN_TYPES[column])
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    return pa.schema(fields)


def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write one partition's table as Parquet with :func:`arrow_schema`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(table, schema=arrow_schema(table),
                                        preserve_index=False), path)


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
        write_table(table, folder / f"{partition.name}.parquet")
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
#: And dask starts a worker with glibc's trim threshold (``MALLOC_TRIM_THRESHOLD_``) at 64 KiB,
#: so that freed memory goes back to the system at once: the analysis frees and takes back so
#: much memory that this cost each worker 20 times the page faults and about a tenth more time
#: (``benchmarks/README.md``); left unset, glibc adapts the threshold itself.
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
#: Modules the fork server of local workers imports before it forks them: dask's worker and
#: this module, with the whole analysis it imports.
WORKER_PRELOAD = ("distributed", __name__)
#: Where a local cluster's scheduler serves its dashboard: any free port of the loopback
#: interface (port 0), never the fixed 8787 that a second cluster on the machine finds taken.
DASHBOARD_ADDRESS = "127.0.0.1:0"


def _package_version() -> str:
    try:
        return version("media-workbook")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"


def _file_state(path: Path) -> list[int]:
    """What tells a file's content has changed: its size and modification time (ns)."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


@dataclass(frozen=True)
class RunRecord:
    """What an :func:`analyze_corpus` run was, kept in its output folder as ``_run.json``.

    A rerun into the same folder resumes only when its record is the same: the same corpus
    (every file's path, size and modification time), the same partitioning, options and
    package version. Partition numbers alone would mix runs (duplicated or stale rows).
    """

    corpus: str
    files: dict[str, list[int]]
    partition_size: int
    options: dict[str, Any]
    version: str

    @classmethod
    def of(cls, path: str | Path, partition_size: int, options: LoadOptions) -> RunRecord:
        """The record of a run of the corpus at ``path`` (files listed, not read)."""
        root = Path(path).resolve()
        files = [root] if root.is_file() else corpus_files(root)
        described = asdict(options)
        if options.metadata is not None:
            described["metadata_file"] = _file_state(Path(options.metadata))
        return cls(str(root), {str(f.relative_to(root)) if f != root else f.name:
                               _file_state(f) for f in files},
                   partition_size, described, _package_version())

    @classmethod
    def read(cls, out: Path) -> RunRecord | None:
        """The record in the output folder ``out``, or None when there is none."""
        path = out / RUN_RECORD
        if not path.exists():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))

    def write(self, out: Path) -> None:
        (out / RUN_RECORD).write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    def differences(self, other: RunRecord) -> list[str]:
        """What differs from the earlier run ``other``, in words (empty when nothing does)."""
        said: list[str] = []
        for name, now, then in (("corpus", self.corpus, other.corpus),
                                ("partition size", self.partition_size, other.partition_size),
                                ("package version", self.version, other.version)):
            if now != then:
                said.append(f"{name} {now!r}, it was {then!r}")
        for key in sorted({*self.options, *other.options}):
            if self.options.get(key) != other.options.get(key):
                said.append(f"option {key} {self.options.get(key)!r}, "
                            f"it was {other.options.get(key)!r}")
        if self.corpus == other.corpus:
            for change, names in (
                    ("added", sorted(set(self.files) - set(other.files))),
                    ("removed", sorted(set(other.files) - set(self.files))),
                    ("changed", sorted(f for f in set(self.files) & set(other.files)
                                       if self.files[f] != other.files[f]))):
                if names:
                    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
                    said.append(f"{len(names)} file(s) {change} since: {shown}")
        return said


def _is_run_output(folder: Path) -> bool:
    """Does ``folder`` hold only what a run writes (a table's Parquet parts, or markers)?"""
    return folder.is_dir() and all(
        p.is_file() and (p.name.startswith("part-") or folder.name == DONE)
        for p in folder.iterdir())


def prepare_output(out: str | Path, record: RunRecord, *, overwrite: bool = False) -> set[str]:
    """Make the output folder of a run ready; return the partitions already done there.

    An empty or new folder is started afresh; a folder of the same run (same
    :class:`RunRecord`) is resumed; a folder of another run, or with done partitions and no
    record, is refused with what differs, unless ``overwrite`` deletes that run's tables.

    Raises
    ------
    RunError
        When ``out`` is a file, cannot be written, or holds another run's tables.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise RunError("out_is_file", out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        earlier = RunRecord.read(out)
        done = {p.stem for p in (out / DONE).glob("*.json")}
        if earlier is None and done:
            differences = ["its partitions have no record of the run that wrote them"]
        else:
            differences = [] if earlier is None else record.differences(earlier)
        if differences and not overwrite:
            raise RunError("other_run", out, differences="; ".join(differences))
        if overwrite or differences:
            for folder in out.iterdir():
                if _is_run_output(folder):
                    shutil.rmtree(folder)
            (out / RUN_RECORD).unlink(missing_ok=True)
            done = set()
        record.write(out)  # also finds out, before any work, that the folder is writable
    except OSError as err:
        raise RunError("out_unwritable", err.filename or out,
                       problem=err.strerror or type(err).__name__) from err
    return done


def check_at_least_one(value: int, name: str) -> None:
    """Raise RunError naming the parameter ``name`` unless ``value`` is a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RunError("at_least_one", name=name, value=value)


def check_scheduler(address: str) -> None:
    """Refuse a scheduler address without a port (``127.0.0.1`` instead of ``tcp://...:8786``)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        raise RunError("scheduler_port", value=address, host=parts.hostname or "HOST")


def dask_client(scheduler: str | None, workers: int, timeout: float = SCHEDULER_TIMEOUT):
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded worker processes, as :func:`analyze_corpus` uses.

    On Linux the local workers are forked from a fork server that has imported the analysis
    (:data:`WORKER_PRELOAD`), instead of spawned (dask's default), where each worker would import
    it again; each then freezes what it inherited (``gc.freeze``), so that its garbage collector
    does not walk, and copy, those objects. They are not forked from this process: it runs
    threads (the client's event loop, a Jupyter kernel's), and a child forked while another
    thread holds a lock can hang for ever, which is why Python 3.14 made the fork server the
    default start method on Linux. Local workers run with :data:`LOCAL_WORKER_CONFIG`.

    Parameters
    ----------
    scheduler : str or None
        Address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
    workers : int
        Worker processes of the LocalCluster (ignored with ``scheduler``).
    timeout : float
        Seconds to wait for the scheduler to answer and for one of its workers to connect.

    Returns
    -------
    (distributed.Client, distributed.LocalCluster or None)
        Close both when done (the cluster is None for an existing scheduler).

    Raises
    ------
    RunError
        When the scheduler cannot be reached, or no worker connects to it, in ``timeout``.
    """
    import gc

    import dask
    from distributed import Client, LocalCluster
    from distributed.utils import get_mp_context

    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as err:
            raise RunError("scheduler_unreachable", address=scheduler, timeout=timeout,
                           problem=type(err).__name__) from err
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as err:
            client.close()
            raise RunError("no_workers", address=scheduler, timeout=timeout) from err
        return client, None
    forkserver = sys.platform.startswith("linux")
    config = {**LOCAL_WORKER_CONFIG,
              "distributed.worker.multiprocessing-method": "forkserver" if forkserver else "spawn"}
    with dask.config.set(config):
        if forkserver:
            # dask names its own preload on its first call; ours replaces it until the fork
            # server starts (with the first worker), and later calls leave it alone.
            get_mp_context().set_forkserver_preload(list(WORKER_PRELOAD))
        # The scheduler's HTTP server (dashboard, health routes) binds a free port of the
        # loopback interface: with None it falls back to 8787 and warns whenever another
        # cluster of the machine holds that port.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=DASHBOARD_ADDRESS, silence_logs=40)
    client = Client(cluster)
    if forkserver:
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
    overwrite: bool = False,
    timeout: float = SCHEDULER_TIMEOUT,
) -> RunSummary:
    """Analyse every article of a corpus on dask.distributed and write Parquet tables.

    Parameters
    ----------
    path : path
        A folder of articles, or a ``.csv``/``.jsonl`` table (streamed).
    out : path
        Output folder: one Parquet dataset per table (``articles/``, ``skipped/``,
        ``hedges/``...), ``_done/`` markers and the run's record (:class:`RunRecord`);
        partitions already done by the same run are not redone.
    scheduler : str, optional
        Address of a running dask scheduler (``tcp://host:8786``); a LocalCluster otherwise.
    workers : int
        Worker processes of the LocalCluster (ignored with ``scheduler``), at least 1.
    partition_size : int
        Articles (files or rows) per partition, at least 1.
    language, columns, metadata
        As for :func:`analysis.corpus.load_corpus`.
    progress : bool
        Show a progress bar (console or notebook).
    overwrite : bool
        Delete the tables of another run found in ``out`` and start afresh (otherwise such a
        folder is refused with what differs).
    timeout : float
        Seconds to wait for ``scheduler`` to answer and for a worker to connect to it.

    Returns
    -------
    RunSummary
        Partitions run and resumed, and the rows written per table.

    Raises
    ------
    CorpusError
        When the corpus or the metadata table does not exist.
    RunError
        For a bad parameter, an output folder that is a file, cannot be written or holds
        another run, or a scheduler that cannot be reached or has no worker.
    """
    from distributed import as_completed
    from tqdm.auto import tqdm

    check_at_least_one(partition_size, "partition_size (--partition-size)")
    if scheduler:
        check_scheduler(scheduler)
    else:
        check_at_least_one(workers, "workers (--workers)")
    if not Path(path).exists():
        raise CorpusError("missing", path)
    if metadata is not None and not Path(metadata).is_file():
        raise CorpusError("missing", metadata)
    options = LoadOptions(language, dict(columns) if columns else None,
                          None if metadata is None else str(metadata))
    out = Path(out)
    done = prepare_output(out, RunRecord.of(path, partition_size, options), overwrite=overwrite)
    summary = RunSummary(out)
    client, cluster = dask_client(scheduler, workers, timeout)
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

"""Scale: partitioned analysis on dask gives the single-process tables, resumes, loses nothing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.cli import main
from analysis.paths import SEED_PATH
from analysis.scale import (
    DONE,
    LOCAL_WORKER_CONFIG,
    analyse_corpus,
    analyze_corpus,
    dask_client,
    iter_partitions,
    load_results,
    records_to_tables,
)

IT = "Secondo fonti sudcoreane, la Corea del Nord potrebbe inviare truppe in Russia a luglio."
EN = "North Korea may send more troops to Russia next month, a lawmaker said on Thursday."


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """A small mixed corpus: the seed, plain articles in both languages, a table, bad files."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "seed.txt").write_text(SEED_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(5):
        (root / f"it_{i}.txt").write_text(f"{IT} Articolo numero {i}.", encoding="utf-8")
        (root / f"en_{i}.txt").write_text(f"{EN} Article number {i}.", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02")
    (root / "rows.jsonl").write_text(
        "\n".join([json.dumps({"id": f"row{i}", "text": IT if i % 2 else EN}) for i in range(7)]
                  + ["{broken"]),
        encoding="utf-8",
    )
    return root


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a.reset_index(drop=True).astype(str).equals(b.reset_index(drop=True).astype(str))


def test_partitions_cover_the_corpus_in_order(corpus_dir):
    parts = list(iter_partitions(corpus_dir, size=4))
    files = [f for p in parts for f in p.files]
    runs = [p.run for p in parts if p.run is not None]
    assert files == sorted(str(p) for p in corpus_dir.iterdir() if p.suffix == ".txt")
    assert [(r.number, r.count) for r in runs] == [(1, 4), (5, 4)]
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(len(p.files) + (p.run.count if p.run else 0) <= 4 for p in parts)


def test_records_to_tables_flattens_nested_findings():
    record = {"id": "a", "path": "a.txt", "title": None, "outlet": None, "published": None,
              "language": "en", "text": "xy", "sentences": [{"start": 0, "end": 2}],
              "attributions": [{"source": {"start": 0, "end": 1, "text": "x"}, "sentence": 0}],
              "frames": {"conflict": 0.5, "Economic": 0.1}}
    tables = records_to_tables([record, {"path": "b.txt", "skipped": "empty"}])
    assert tables["articles"]["n_sentences"].tolist() == [1]
    assert tables["attributions"].columns.tolist() == [
        "id", "source_start", "source_end", "source_text", "sentence"]
    assert tables["frames"]["name"].tolist() == ["Economic", "conflict"]
    assert tables["skipped"].to_dict("records") == [{"path": "b.txt", "reason": "empty"}]


@pytest.fixture(scope="module")
def local_run(corpus_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = analyze_corpus(corpus_dir, out, workers=2, partition_size=4, progress=False)
    return out, summary


def test_distributed_equals_single_process(corpus_dir, local_run):
    out, summary = local_run
    expected = analyse_corpus(load_corpus(corpus_dir, progress=False))
    got = load_results(out)
    assert summary.resumed == 0
    assert set(got) == set(expected)
    for name in expected:
        assert same(got[name], expected[name]), name
    assert len(got["articles"]) == 1 + 10 + 7


def test_every_failure_is_recorded(local_run):
    out, _ = local_run
    reasons = load_results(out)["skipped"]
    by_file = {Path(p).name: r for p, r in zip(reasons["path"], reasons["reason"])}
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "not valid JSON" in by_file["rows.jsonl:8"]


def test_rerun_resumes_and_redoes_only_missing_partitions(corpus_dir, tmp_path):
    out = tmp_path / "out"
    first = analyze_corpus(corpus_dir, out, workers=1, partition_size=4, progress=False)
    # simulate a crash that lost the last partition
    last = sorted((out / DONE).glob("*.json"))[-1]
    last.unlink()
    for part in out.glob(f"*/{last.stem}.parquet"):
        part.unlink()
    again = analyze_corpus(corpus_dir, out, workers=1, partition_size=4, progress=False)
    assert again.partitions == first.partitions
    assert again.resumed == first.partitions - 1
    assert len(load_results(out)["articles"]) == 18


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_analyze_against_a_real_scheduler_with_two_workers(corpus_dir, tmp_path, capsys):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", address,
              "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"]
    procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        procs += [subprocess.Popen(worker, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                  for _ in range(2)]
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            assert len(client.scheduler_info()["workers"]) == 2
        out = tmp_path / "out"
        assert main(["analyze", str(corpus_dir), "--out", str(out), "--scheduler", address,
                     "--partition-size", "3"]) == 0
        printed = capsys.readouterr().out
        assert "articles: 18 row(s) written" in printed
        expected = analyse_corpus(load_corpus(corpus_dir, progress=False))
        assert same(load_results(out)["articles"], expected["articles"])
    finally:
        for proc in reversed(procs):
            proc.terminate()
        deadline = time.monotonic() + 30
        for proc in procs:
            proc.wait(timeout=max(1, deadline - time.monotonic()))


def test_outlet_summary_rates():
    from analysis.scale import outlet_summary

    tables = {
        "articles": pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["x", "x", None],
                                  "n_words": [100, 300, 50]}),
        "hedges": pd.DataFrame({"id": ["a", "a", "b", "c"]}),
        "attributions": pd.DataFrame({"id": ["a", "b", "b", "c"],
                                      "source_type": ["named_person", "anonymous",
                                                      "document", "agentless"]}),
    }
    summary = outlet_summary(tables)
    assert summary.index.tolist() == ["(unknown)", "x"]
    assert summary.loc["x", "hedges per 100 words"] == 0.75  # 3 hedges in 400 words
    assert summary.loc["x", "named-source share"] == round(2 / 3, 3)
    assert summary.loc["(unknown)", "named-source share"] == 0.0


def _heartbeat_error_dropped() -> bool:
    """In this process: does the worker's logger drop the heartbeat error of a closing cluster
    (dask/distributed#7105) and keep its other errors?"""
    import logging

    logger = logging.getLogger("distributed.worker")

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord(logger.name, logging.ERROR, __file__, 1, message, None, None)

    return not logger.filter(record("Failed to communicate with scheduler during heartbeat.")) \
        and bool(logger.filter(record("Worker stream died during communication")))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="local workers fork on Linux")
def test_local_workers_come_from_a_fork_server_and_run_quiet_and_frozen():
    """Not forked from this process, which runs threads (a child forked while another thread
    holds a lock can hang), but from a fork server that imported the analysis."""
    import dask

    client, cluster = dask_client(None, 2)
    try:
        seen = client.run(lambda: ({key: dask.config.get(key) for key in LOCAL_WORKER_CONFIG},
                                   __import__("gc").get_freeze_count() > 0,
                                   __import__("os").getppid(),
                                   __import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"),
                                   _heartbeat_error_dropped()))
    finally:
        client.close()
        cluster.close()
    assert len(seen) == 2
    assert all(settings == LOCAL_WORKER_CONFIG and frozen and trim is None and quiet
               for settings, frozen, _, trim, quiet in seen.values())
    parents = {parent for _, _, parent, _, _ in seen.values()}
    assert len(parents) == 1 and os.getpid() not in parents
    # the driver's own settings are left alone
    assert dask.config.get("distributed.admin.tick.interval") != "1s"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="local workers fork on Linux")
def test_local_cluster_takes_a_free_dashboard_port(caplog):
    """With 8787 taken (another cluster on the machine), the dashboard binds a free port of the
    loopback interface and distributed says nothing about the port."""
    blocker = socket.socket()
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        blocker.bind(("127.0.0.1", 8787))
        blocker.listen()
    except OSError:  # already held by someone else: it is taken either way
        pass
    try:
        with caplog.at_level("WARNING"), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            client, cluster = dask_client(None, 1)
            try:
                server = cluster.scheduler.http_server
                host, port = server.address, server.port
            finally:
                client.close()
                cluster.close()
    finally:
        blocker.close()
    assert host == "127.0.0.1"
    assert port != 8787
    said = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in said if "8787" in m or "already in use" in m]


# --- what a run was: resume only the same run ------------------------------------------------


def _record_for(corpus: Path, size: int = 4, language: str = "auto"):
    from analysis.scale import LoadOptions, RunRecord

    return RunRecord.of(corpus, size, LoadOptions(language=language))


def _small_corpus(root: Path) -> Path:
    root.mkdir()
    for i in range(3):
        (root / f"a{i}.txt").write_text(f"{EN} Article {i}.", encoding="utf-8")
    return root


@pytest.mark.parametrize("change, expected", [
    ("partition size", "partition size 5, it was 4"),
    ("language", "option language 'en', it was 'auto'"),
    ("added", "1 file(s) added since: new.txt"),
    ("removed", "1 file(s) removed since: a0.txt"),
    ("changed", "1 file(s) changed since: a1.txt"),
    ("other corpus", "corpus '"),
    ("no record", "its partitions have no record of the run that wrote them"),
])
def test_a_different_run_is_refused_with_what_differs(tmp_path, change, expected):
    from analysis.errors import RunError
    from analysis.scale import RUN_RECORD, prepare_output

    corpus, out = _small_corpus(tmp_path / "corpus"), tmp_path / "out"
    prepare_output(out, _record_for(corpus))
    (out / DONE).mkdir()
    (out / DONE / "part-000000.json").write_text("{}", encoding="utf-8")
    size, language = 4, "auto"
    if change == "partition size":
        size = 5
    elif change == "language":
        language = "en"
    elif change == "added":
        (corpus / "new.txt").write_text(EN, encoding="utf-8")
    elif change == "removed":
        (corpus / "a0.txt").unlink()
    elif change == "changed":
        (corpus / "a1.txt").write_text(EN + " Changed.", encoding="utf-8")
    elif change == "other corpus":
        corpus = _small_corpus(tmp_path / "other")
    elif change == "no record":
        (out / RUN_RECORD).unlink()
    with pytest.raises(RunError, match="holds the tables of another run") as caught:
        prepare_output(out, _record_for(corpus, size, language))
    assert expected in str(caught.value) and "--overwrite" in str(caught.value)
    # --overwrite deletes that run's tables and starts afresh
    assert prepare_output(out, _record_for(corpus, size, language), overwrite=True) == set()
    assert not (out / DONE).exists()


def test_the_same_run_resumes(tmp_path):
    from analysis.scale import prepare_output

    corpus, out = _small_corpus(tmp_path / "corpus"), tmp_path / "out"
    prepare_output(out, _record_for(corpus))
    (out / DONE).mkdir()
    (out / DONE / "part-000000.json").write_text("{}", encoding="utf-8")
    assert prepare_output(out, _record_for(corpus)) == {"part-000000"}


def test_rerun_with_another_partition_size_neither_duplicates_nor_keeps_stale_rows(
        corpus_dir, tmp_path, capsys):
    out = tmp_path / "out"
    analyze_corpus(corpus_dir, out, workers=1, partition_size=4, progress=False)
    args = ["analyze", str(corpus_dir), "--out", str(out), "--workers", "1",
            "--partition-size", "5"]
    assert main(args) == 2
    assert "partition size 5, it was 4" in capsys.readouterr().err
    assert main([*args, "--overwrite"]) == 0
    articles = load_results(out)["articles"]
    assert len(articles) == 18 and not articles["id"].duplicated().any()


# --- messages instead of tracebacks and hangs ------------------------------------------------


@pytest.mark.parametrize("extra, expected", [
    (["--workers", "0"], "workers (--workers) must be a whole number of at least 1, not 0"),
    (["--workers", "-2"], "not -2"),
    (["--partition-size", "0"], "partition_size (--partition-size) must be a whole number"),
    (["--partition-size", "-3"], "at least 1, not -3"),
    (["--scheduler", "127.0.0.1"], "'127.0.0.1' has no port; give the scheduler's address "
                                   "with its port, e.g. tcp://127.0.0.1:8786"),
    (["--metadata", "{tmp}/meta.tsv"], "meta.tsv: no such file or folder"),
])
def test_bad_parameters_are_refused_before_any_work(tmp_path, capsys, extra, expected):
    out = tmp_path / "out"
    args = [a.format(tmp=tmp_path) for a in extra]
    assert main(["analyze", str(SEED_PATH), "--out", str(out), *args]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("case, expected", [
    ("missing corpus", "no such file or folder"),
    ("out is a file", "is an existing file; give a folder for the output"),
    ("out below a file", "cannot write the output here"),
])
def test_bad_paths_give_messages(tmp_path, capsys, case, expected):
    corpus, out = SEED_PATH, tmp_path / "out"
    if case == "missing corpus":
        corpus = tmp_path / "nowhere"
    elif case == "out is a file":
        out.write_text("not a folder", encoding="utf-8")
    else:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "out"
    assert main(["analyze", str(corpus), "--out", str(out)]) == 2
    assert expected in capsys.readouterr().err
    if case == "missing corpus":
        assert not out.exists()  # nothing created for a run that cannot start


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root writes into read-only folders")
def test_read_only_output_folder(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir(mode=0o500)
    assert main(["analyze", str(SEED_PATH), "--out", str(out)]) == 2
    assert "cannot write the output here (Permission denied)" in capsys.readouterr().err


def test_unreachable_scheduler(tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"
    assert main(["analyze", str(SEED_PATH), "--out", str(tmp_path / "out"), "--scheduler",
                 address, "--timeout", "2"]) == 2
    assert f"could not reach the dask scheduler at {address} within 2 s" in (
        capsys.readouterr().err)


def test_scheduler_without_workers(tmp_path, capsys):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        code = main(["analyze", str(SEED_PATH), "--out", str(tmp_path / "out"), "--scheduler",
                     address, "--timeout", "20"])
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=30)
    assert code == 2
    assert f"the dask scheduler at {address} has no worker connected after 20 s" in (
        capsys.readouterr().err)


def test_ctrl_c_says_how_to_resume(tmp_path, capsys, monkeypatch):
    import analysis.scale

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis.scale, "analyze_corpus", interrupted)
    assert main(["analyze", str(SEED_PATH), "--out", str(tmp_path / "out")]) == 130
    assert "interrupted; the partitions finished are kept" in capsys.readouterr().err


def test_bad_table_files_in_a_folder_are_recorded_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(EN, encoding="utf-8")
    (corpus / "empty.csv").write_bytes(b"")
    (corpus / "binary.jsonl").write_bytes(b"\x00\x01\x02{}")
    rows = [json.dumps({"id": f"r{i}", "text": EN}) for i in range(1500)]
    (corpus / "latin.jsonl").write_bytes("\n".join(rows).encode() + b"\n\xe9\n")
    (corpus / "quote.csv").write_text('id,text\n1,"never closed\n2,"fine"\n', encoding="utf-8")
    out = tmp_path / "out"
    analyze_corpus(corpus, out, workers=1, partition_size=500, progress=False)
    tables = load_results(out)
    reasons = dict(zip(tables["skipped"]["path"].map(lambda p: Path(p).name),
                       tables["skipped"]["reason"]))
    assert "the file is empty" in reasons["empty.csv"]
    assert "binary file" in reasons["binary.jsonl"]
    assert "cannot be decoded as UTF-8 (invalid byte 0xe9" in reasons["latin.jsonl"]
    assert "a quote mark opened in a field is never closed" in reasons["quote.csv"]
    assert tables["articles"]["id"].tolist() == ["good"]


def test_every_partition_has_one_schema(tmp_path):
    from analysis.scale import LoadOptions, Partition, run_partition

    seed = tmp_path / "seed.txt"  # title, outlet and date; sources everywhere
    seed.write_text(SEED_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    plain = tmp_path / "plain.txt"  # no title, outlet or date; an attribution without source
    plain.write_text("It was reported that the troops would move. " + EN, encoding="utf-8")
    out = tmp_path / "out"
    for index, file in enumerate((plain, seed)):
        run_partition(Partition(index, files=(str(file),)), str(out), LoadOptions())
    for name in ("articles", "attributions", "times"):
        table = pd.read_parquet(out / name)
        assert len(table) > 0, name
    articles = pd.read_parquet(out / "articles")
    assert articles["title"].isna().tolist() == [True, False]
    assert "source" not in pd.read_parquet(out / "attributions").columns

"""The ``media-workbook`` command: ``annotate`` articles as JSON, build the ``report``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .corpus import DEFAULT_COLUMNS, FORMATS, Article, load_corpus
from .errors import CorpusError
from .language import SUPPORTED_LANGUAGES
from .pipeline import analyse_many
from .report import ReportError, build_report
from .scale import SCHEDULER_TIMEOUT


def _skipped_record(path: str, reason: str) -> dict:
    return {"id": Path(path).stem, "path": path, "skipped": reason}


def annotate(paths: Sequence[str], language: str = "auto", text_format: str = "auto",
             columns: dict[str, str] | None = None) -> list[dict]:
    """Annotate records (the contract of ``shared/design/README.md``) for every input.

    ``columns`` renames the fields of CSV/JSONL tables (see :func:`analysis.load_table`).

    Inputs that cannot be read, and articles whose analysis raised, are returned as records
    with ``skipped`` set to the reason.
    """
    records = []
    for path in paths:
        try:
            corpus = load_corpus(path, format=text_format, language=language, columns=columns)
        except CorpusError as err:
            records.append(_skipped_record(path, str(err)))
            continue
        records += analyse_many(corpus)
        records += [_skipped_record(s.path, s.reason) for s in corpus.skipped]
    return records


def _cmd_annotate(args: argparse.Namespace) -> int:
    records = annotate(args.paths, language=args.lang, text_format=args.text_format,
                       columns=dict(args.column) or None)
    if args.format == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    return 0 if any(r.get("skipped") is None for r in records) else 1


def _cmd_report(args: argparse.Namespace) -> int:
    index = build_report(args.out, corpus=args.corpus)
    print(f"Report written to {index}")
    return 0


def _cmd_profile(args: argparse.Namespace) -> int:
    from .profile import write_profiles

    written = write_profiles(args.path, args.out, columns=dict(args.column) or None)
    for path in written.files:
        print(f"Profile written to {path}")
    _report_skipped(written.skipped)
    return 0


def _report_skipped(skipped: Sequence) -> None:
    """List the inputs that could not be read, with the reason, on standard error."""
    if skipped:
        print(f"{len(skipped)} input(s) skipped:", file=sys.stderr)
    for item in skipped:
        print(f"  {item.reason}", file=sys.stderr)


def _one_article(path: str, language: str, columns: dict[str, str] | None = None) -> Article:
    """The one article of a file of any readable type (refused when it holds several)."""
    corpus = load_corpus(path, language=language, progress=False, columns=columns)
    if len(corpus) != 1:
        ids = ", ".join(a.id for a in corpus.articles[:5]) + (", ..." if len(corpus) > 5 else "")
        raise CorpusError("one_article", path, n=len(corpus), ids=ids)
    return corpus[0]


def _cmd_compare(args: argparse.Namespace) -> int:
    from .compare import compare

    old, new = (_one_article(path, args.lang, dict(args.column) or None)
                for path in (args.old, args.new))
    translation = (None if args.translation is None else
                   Path(args.translation).read_text(encoding="utf-8").splitlines())
    comparison = compare(old, new, threshold=args.threshold, translation=translation)
    if args.format == "html":
        output = comparison.html()
    else:
        output = json.dumps(comparison.records(), ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(output + "\n", encoding="utf-8")
        print(f"Comparison written to {args.out}")
    else:
        print(output)
    return 0


def _column(value: str) -> tuple[str, str]:
    field, sep, name = value.partition("=")
    if not sep or field not in DEFAULT_COLUMNS or not name:
        raise argparse.ArgumentTypeError(
            f"expected FIELD=NAME with FIELD one of {sorted(DEFAULT_COLUMNS)}, not {value!r}")
    return field, name


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .scale import analyze_corpus

    try:
        summary = analyze_corpus(args.corpus, args.out, scheduler=args.scheduler,
                                 workers=args.workers, partition_size=args.partition_size,
                                 language=args.lang, metadata=args.metadata,
                                 columns=dict(args.column) or None, overwrite=args.overwrite,
                                 timeout=args.timeout)
    except KeyboardInterrupt:
        print(f"media-workbook analyze: interrupted; the partitions finished are kept in "
              f"{args.out}: run the same command again to resume", file=sys.stderr)
        return 130
    print(f"{summary.partitions} partition(s), {summary.resumed} already done; "
          f"tables in {summary.out}")
    for name, count in sorted(summary.counts.items()):
        print(f"  {name}: {count} row(s) written")
    return 0


def _add_column_option(command: argparse.ArgumentParser) -> None:
    """``--column FIELD=NAME``, for every command that reads CSV/JSONL tables."""
    command.add_argument("--column", action="append", default=[], type=_column,
                         metavar="FIELD=NAME",
                         help="column name of a field (id, title, text, outlet, published)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="media-workbook",
        description="Analyse how news is written: framing, sourcing, hedging.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    annotate_cmd = commands.add_parser(
        "annotate", help="print per article the metadata, sentences and detector output as JSON"
    )
    annotate_cmd.add_argument("paths", nargs="+", help="article files or folders")
    annotate_cmd.add_argument("--lang", default="auto", choices=("auto", *SUPPORTED_LANGUAGES))
    annotate_cmd.add_argument("--format", default="json", choices=("json", "jsonl"),
                              help="json: one array; jsonl: one object per line")
    annotate_cmd.add_argument("--text-format", default="auto", choices=FORMATS,
                              help="layout of .txt files (default: detect the seed layout)")
    _add_column_option(annotate_cmd)
    annotate_cmd.set_defaults(func=_cmd_annotate)

    report_cmd = commands.add_parser("report", help="execute every notebook and write HTML")
    report_cmd.add_argument("--corpus", default=None, help="a corpus instead of the seed")
    report_cmd.add_argument("--out", default="reports", help="output folder (default: reports)")
    report_cmd.set_defaults(func=_cmd_report)

    profile_cmd = commands.add_parser(
        "profile", help="one printable HTML page per article: marked text, figures, findings"
    )
    profile_cmd.add_argument("path", help="an article file, or a folder/table of articles")
    profile_cmd.add_argument("--out", required=True,
                             help="FILE.html for one article, a folder for several")
    _add_column_option(profile_cmd)
    profile_cmd.set_defaults(func=_cmd_profile)

    compare_cmd = commands.add_parser(
        "compare", help="align two versions of a story and list what changed (hedges, sources, "
                        "numbers, dates, quotes, sentences)"
    )
    compare_cmd.add_argument("old", help="the earlier version (an article file)")
    compare_cmd.add_argument("new", help="the later version (an article file)")
    compare_cmd.add_argument("--format", default="json", choices=("json", "html"),
                             help="json: the aligned pairs; html: the side-by-side view")
    compare_cmd.add_argument("--out", default=None, help="write to FILE instead of printing")
    compare_cmd.add_argument("--lang", default="auto", choices=("auto", *SUPPORTED_LANGUAGES))
    compare_cmd.add_argument("--threshold", type=float, default=0.3,
                             help="least TF-IDF cosine of aligned sentences (default: 0.3)")
    _add_column_option(compare_cmd)
    compare_cmd.add_argument("--translation", default=None,
                             help="a file translating NEW into OLD's language, one line per "
                                  "sentence of NEW (for versions in two languages)")
    compare_cmd.set_defaults(func=_cmd_compare)

    analyze_cmd = commands.add_parser(
        "analyze", help="analyse a large corpus on dask into Parquet tables (resumable)"
    )
    analyze_cmd.add_argument("corpus", help="a folder of articles or a .csv/.jsonl table")
    analyze_cmd.add_argument("--out", required=True, help="output folder for the tables")
    analyze_cmd.add_argument("--scheduler", default=None,
                             help="address of a running dask scheduler (default: local cluster)")
    analyze_cmd.add_argument("--workers", type=int, default=2,
                             help="worker processes of the local cluster (default: 2)")
    analyze_cmd.add_argument("--partition-size", type=int, default=100,
                             help="articles per partition (default: 100)")
    analyze_cmd.add_argument("--lang", default="auto", choices=("auto", *SUPPORTED_LANGUAGES))
    analyze_cmd.add_argument("--metadata", default=None,
                             help="CSV/TSV of title, outlet, date per file stem")
    _add_column_option(analyze_cmd)
    analyze_cmd.add_argument("--overwrite", action="store_true",
                             help="delete the tables of another run found in --out and start "
                                  "afresh")
    analyze_cmd.add_argument("--timeout", type=float, default=SCHEDULER_TIMEOUT,
                             help="seconds to wait for --scheduler to answer and for a worker "
                                  f"to connect to it (default: {SCHEDULER_TIMEOUT:g})")
    analyze_cmd.set_defaults(func=_cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``media-workbook`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, OSError, ReportError) as err:  # CorpusError, RunError: ValueErrors
        print(f"media-workbook {args.command}: {_describe(err)}", file=sys.stderr)
        return 2


def _describe(err: Exception) -> str:
    """The message of an error for the user: the file and the problem for an OSError."""
    if isinstance(err, OSError) and err.filename is not None:
        return f"{err.filename}: {err.strerror or type(err).__name__}"
    return str(err)


if __name__ == "__main__":
    sys.exit(main())

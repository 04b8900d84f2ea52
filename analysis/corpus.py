"""Load articles: the seed format, folders of text files, CSV/JSONL tables and saved HTML.

Every loader returns :class:`Article` records whose character offsets point into
``Article.text``, the text exactly as read from the file (after decoding). Loading a folder
never drops a file silently: what cannot be read is returned in ``Corpus.skipped`` with the
reason.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from .errors import CorpusError, check_choice
from .language import SUPPORTED_LANGUAGES, detect_language
from .lexicon import load_lexicon

#: Layouts a plain-text file may follow (see :func:`parse_article`).
FORMATS = ("auto", "seed", "headline", "plain")
TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
READABLE_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES
#: Loads of at least this many files show a progress bar.
PROGRESS_MIN_FILES = 20
#: Flag set on an article whose trailing ``Source`` line names no source.
EMPTY_SOURCE = "empty_source_line"
UNPARSED_DATE = "unparsed_date"

# "Chas Pravdy - 26 Giugno 2025 13:19": outlet, a dash, day, month name, year, optional time.
_DATELINE = re.compile(
    r"^(?P<outlet>\S.*?)\s+[-\u2013\u2014|]\s+(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+)\.?,?\s+"
    r"(?P<year>\d{4})(?:,?\s+(?:ore\s+|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?\s*$",
    re.IGNORECASE,
)
# A trailing "Source" / "Fonte" line, possibly with the source after it.
_SOURCE_LINE = re.compile(r"^(?:source|sources|fonte|fonti)\b\s*[:\-\u2013]?\s*(?P<source>.*?)\s*$",
                          re.IGNORECASE)


@dataclass
class Article:
    """One news article and where its parts lie in its text.

    Attributes
    ----------
    id : str
        A stable identifier (the file stem, or ``file:row`` for tables).
    text : str
        The text as read from the file; every offset points into it.
    path : str or None
        Where the article was read from.
    title, outlet : str or None
        Headline and outlet, when the format gives them.
    published : datetime, date or None
        Publication time, when the format gives it.
    language : str
        ISO 639-1 code, detected per article unless given.
    body_start, body_end : int
        Character span of the body in ``text``.
    title_start, title_end : int or None
        Character span of the headline in ``text``, when the headline is part of the text.
    source : str or None
        The article's declared source line (``""`` when the line is there but empty).
    flags : list of str
        Problems found while parsing that did not stop it (e.g. an empty source line).
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: datetime | date | None = None
    language: str = "und"
    body_start: int = 0
    body_end: int = -1
    title_start: int | None = None
    title_end: int | None = None
    source: str | None = None
    flags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.text)

    @property
    def body(self) -> str:
        """The body text (``text[body_start:body_end]``)."""
        return self.text[self.body_start : self.body_end]

    @property
    def published_iso(self) -> str | None:
        """Publication time as ISO 8601 (minutes precision when a time is known)."""
        if isinstance(self.published, datetime):
            return self.published.isoformat(timespec="minutes")
        return None if self.published is None else self.published.isoformat()

    @property
    def year(self) -> str | None:
        """The year of publication (``"2025"``), for comparisons over time, or None."""
        return (self.published_iso or "")[:4] or None

    def content_spans(self) -> list[tuple[int, int]]:
        """Spans of ``text`` holding prose to analyse: the headline (if in the text), the body."""
        spans = []
        if self.title_start is not None and self.title_end is not None:
            spans.append((self.title_start, self.title_end))
        spans.append((self.body_start, self.body_end))
        return spans


@dataclass
class Skipped:
    """An input that could not be loaded, and why."""

    path: str
    reason: str


@dataclass
class Corpus:
    """Articles loaded from one or more inputs, plus every input that was skipped."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, index: int) -> Article:
        return self.articles[index]

    def to_frame(self) -> pd.DataFrame:
        """One row per article: id, title, outlet, published, language, words, path."""
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published_iso,
                "language": a.language,
                "characters": len(a.body),
                "words": len(a.body.split()),
                "path": a.path,
            }
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=["id", "title", "outlet", "published", "language",
                                           "characters", "words", "path"])

    def skipped_frame(self) -> pd.DataFrame:
        """One row per skipped input with the reason."""
        return pd.DataFrame([vars(s) for s in self.skipped], columns=["path", "reason"])


# --- reading files -------------------------------------------------------------------------


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _checked_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` of them, or all), refusing a missing, empty or
    binary file with the error that says so."""
    if not path.exists():
        raise CorpusError("missing", path)
    with path.open("rb") as handle:
        data = handle.read(limit)
    if not data.strip():
        raise CorpusError("empty", path)
    if data.startswith(_UTF16_BOMS):  # its NUL bytes are text, not a binary file's
        return data
    if b"\x00" in data:
        raise CorpusError("binary", path)
    return data


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (as UTF-16 when it starts with a UTF-16 byte-order mark),
    with a clear error for every way it can fail.

    Raises
    ------
    CorpusError
        When the file is missing, empty, binary or not valid UTF-8.
    """
    path = Path(path)
    data = _checked_bytes(path)
    try:
        return data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError("decode", path, byte=data[err.start], pos=err.start) from err


@cache
def _month_numbers() -> dict[str, int]:
    months = load_lexicon("months")
    return {row.pattern: int(row.number) for row in months.itertuples()}


def parse_dateline(line: str) -> tuple[str, datetime] | None:
    """Parse ``"Outlet - DD Month YYYY HH:MM"`` (Italian or English month names).

    Returns
    -------
    (outlet, datetime) or None
        None when the line does not have that shape or names no known month.

    Examples
    --------
    >>> parse_dateline("Chas Pravdy - 26 Giugno 2025 13:19")
    ('Chas Pravdy', datetime.datetime(2025, 6, 26, 13, 19))
    """
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    month = _month_numbers().get(match["month"].lower())
    if month is None:
        return None
    try:
        when = datetime(int(match["year"]), month, int(match["day"]),
                        int(match["hour"] or 0), int(match["minute"] or 0))
    except ValueError:
        return None
    return match["outlet"].strip(), when


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, trimmed of surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, m.start() + len(line.rstrip())))
    return spans


def parse_article(
    text: str,
    *,
    id: str,
    path: str | None = None,
    format: str = "auto",
    language: str = "auto",
) -> Article:
    """Turn the text of one file into an :class:`Article`.

    Parameters
    ----------
    text : str
        The decoded file.
    id, path : str
        Identifier and origin recorded on the article.
    format : {"auto", "seed", "headline", "plain"}
        ``"seed"``: headline line, ``Outlet - DD Month YYYY HH:MM`` line, body, optional
        trailing ``Source`` line. ``"headline"``: the first line is the headline, the rest is
        the body. ``"plain"``: all of it is body. ``"auto"``: ``"seed"`` when the second
        non-blank line is such a dateline, else ``"plain"``.
    language : str
        ``"auto"`` to detect, or a language code to impose.

    Returns
    -------
    Article
    """
    check_choice(format, FORMATS, "format")
    lines = _lines(text)
    if not lines:
        raise CorpusError("no_text", path or id)
    article = Article(id=id, text=text, path=path)
    dateline = parse_dateline(text[slice(*lines[1])]) if len(lines) > 1 else None
    if format == "auto":
        format = "seed" if dateline else "plain"
    if format == "seed" and len(lines) >= 3:
        body_lines = lines[2:]
        if dateline is None:
            article.flags.append(UNPARSED_DATE)
        else:
            article.outlet, article.published = dateline
        last = _SOURCE_LINE.match(text[slice(*body_lines[-1])])
        if last and len(body_lines) > 1:
            article.source = last["source"]
            if not article.source:
                article.flags.append(EMPTY_SOURCE)
            body_lines = body_lines[:-1]
        _set_title(article, lines[0])
        article.body_start, article.body_end = body_lines[0][0], body_lines[-1][1]
    elif format in ("seed", "headline") and len(lines) >= 2:
        _set_title(article, lines[0])
        article.body_start, article.body_end = lines[1][0], lines[-1][1]
    else:
        article.body_start, article.body_end = lines[0][0], lines[-1][1]
    article.language = _language(article, language)
    return article


def _set_title(article: Article, span: tuple[int, int]) -> None:
    article.title_start, article.title_end = span
    article.title = article.text[span[0] : span[1]]


def _language(article: Article, language: str) -> str:
    if language != "auto":
        return language
    sample = article.body if article.title is None else f"{article.title}\n{article.body}"
    return detect_language(sample)


def load_article(path: str | Path, *, format: str = "auto", language: str = "auto") -> Article:
    """Load one plain-text article file (see :func:`parse_article` for ``format``)."""
    path = Path(path)
    return parse_article(read_text(path), id=path.stem, path=str(path), format=format,
                         language=language)


# --- tables --------------------------------------------------------------------------------

#: Default column names for CSV/JSONL input; override any of them with ``columns=``.
DEFAULT_COLUMNS = {
    "text": "text",
    "title": "title",
    "id": "id",
    "outlet": "outlet",
    "published": "published",
    "language": "language",
}


def _parse_date(value: object) -> datetime | date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    value = str(value).strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    has_time = "T" in value or " " in value
    return parsed if has_time else parsed.date()


#: Bytes read from the start of a table to recognise a binary file.
_SNIFF_BYTES = 65536


@dataclass(frozen=True)
class RawRow:
    """One row of a table as read, before it becomes an article (or a skipped row)."""

    number: int
    record: dict | None
    problem: str | None = None


@dataclass(frozen=True)
class RowRun:
    """A run of consecutive rows of a table file, found by :func:`row_runs`.

    ``offset`` is the byte offset where the run starts, ``number`` the number of its first row
    (a line number in JSONL, a record number in CSV, where the header is row 1) and ``count``
    the rows in it; a worker reads the run with :func:`iter_rows` without reading the rest.
    """

    offset: int
    number: int
    count: int


_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


class _Lines:
    """The decoded lines of a binary file from a byte offset.

    ``offset`` is where the next line starts and ``line_start`` where the last one read began.

    CSV and JSONL rows are read through this one iterator, so the driver that finds row
    boundaries and the worker that reads a run from its offset split lines the same way.
    """

    def __init__(self, handle: BinaryIO, offset: int = 0) -> None:
        handle.seek(offset)
        self.handle, self.offset, self.line_start = handle, offset, offset

    def __iter__(self) -> Iterator[str]:
        for chunk in self.handle:  # split at "\n"; a lone "\r" ends a line too, as in text mode
            for line in _LONE_CR.split(chunk) if b"\r" in chunk else (chunk,):
                if not line:
                    continue
                encoding = "utf-8-sig" if self.offset == 0 else "utf-8"
                self.line_start = self.offset
                self.offset += len(line)
                yield line.decode(encoding)


def _csv_header(handle: BinaryIO) -> list[str]:
    return next(csv.reader(_Lines(handle), strict=True), [])


def _rows(handle: BinaryIO, jsonl: bool, run: RowRun | None) -> Iterator[RawRow]:
    header = None if jsonl or run is None else _csv_header(handle)
    lines = _Lines(handle, 0 if run is None else run.offset)
    if jsonl:
        numbered = enumerate(lines, start=1 if run is None else run.number)
        rows = (_json_row(number, line) for number, line in numbered if line.strip())
    elif run is None:
        rows = (RawRow(n, record)
                for n, record in enumerate(csv.DictReader(lines, strict=True), start=2))
    else:
        reader = csv.DictReader(lines, fieldnames=header, strict=True)
        rows = (RawRow(n, record) for n, record in enumerate(reader, start=run.number))
    return rows if run is None else islice(rows, run.count)


@contextmanager
def _table_bytes(path: Path) -> Iterator[BinaryIO]:
    """The table file opened for reading bytes, after the missing/empty/binary checks; text that
    is not UTF-8 becomes the error naming the byte and its offset."""
    if _checked_bytes(path, limit=_SNIFF_BYTES).startswith(_UTF16_BOMS):
        raise CorpusError("utf16", path)
    try:
        with path.open("rb") as handle:
            yield handle
    except UnicodeDecodeError:
        read_text(path)  # reads the whole file once to raise the error with the byte offset
        raise


def iter_rows(path: str | Path, run: RowRun | None = None) -> Iterator[RawRow]:
    """Stream the rows of a CSV (header row first) or JSONL file, one at a time.

    Parameters
    ----------
    path : path
        The table file.
    run : RowRun, optional
        Read only this run of rows (from :func:`row_runs`); the whole file otherwise.

    Raises
    ------
    CorpusError
        When the file is missing, empty, binary or not valid UTF-8, or a CSV has a quote mark
        that is never closed (its rows would run into each other).
    """
    path = Path(path)
    last = 1 if run is None else run.number - 1
    with _table_bytes(path) as handle:
        try:
            for row in _rows(handle, path.suffix.lower() == ".jsonl", run):
                last = row.number
                yield row
        except csv.Error as err:  # strict parsing: an unclosed quote would merge rows
            raise CorpusError("csv_quote", path, after=last, problem=err) from err


def row_runs(path: str | Path, size: int) -> Iterator[RowRun]:
    """Cut a CSV or JSONL file into runs of at most ``size`` rows, streaming.

    Only row boundaries are found (JSONL lines are not parsed), so the caller holds no rows.

    Raises
    ------
    CorpusError
        When the file is missing, empty, binary or not valid UTF-8.
    """
    path = Path(path)
    with _table_bytes(path) as handle:
        lines = _Lines(handle)
        if path.suffix.lower() == ".jsonl":
            starts = ((lines.line_start, n) for n, line in enumerate(lines, start=1)
                      if line.strip())
            yield from _runs(starts, size)
        else:
            reader = csv.reader(lines, strict=True)
            try:
                next(reader, None)  # the header
                yield from _runs(_csv_starts(reader, lines), size)
            except csv.Error as err:  # as in iter_rows: the file is refused, not half read
                raise CorpusError("csv_quote", path, after=reader.line_num, problem=err) from err


def _csv_starts(reader: Iterator[list[str]], lines: _Lines) -> Iterator[tuple[int, int]]:
    """(byte offset, record number) of each data record that ``csv.DictReader`` would yield."""
    number, offset = 2, lines.offset
    for record in reader:
        if record:  # DictReader skips empty records and does not count them
            yield offset, number
            number += 1
        offset = lines.offset


def _runs(starts: Iterator[tuple[int, int]], size: int) -> Iterator[RowRun]:
    """Group row starts ``(offset, number)`` into runs of at most ``size`` rows."""
    first: tuple[int, int] | None = None
    count = 0
    for start in starts:
        if first is None:
            first = start
        count += 1
        if count == size:
            yield RowRun(*first, count)
            first, count = None, 0
    if first is not None:
        yield RowRun(*first, count)


def _json_row(number: int, line: str) -> RawRow:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        phrase = err.msg.removesuffix(" at")  # json's "Unterminated string starting at"
        return RawRow(number, None, f"not valid JSON: {phrase} at character {err.colno}")
    if not isinstance(record, dict):
        return RawRow(number, None, "not a JSON object")
    return RawRow(number, record)


def article_from_row(
    row: RawRow,
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    language: str = "auto",
) -> Article | Skipped:
    """Make the article of one table row, or the :class:`Skipped` record saying why not."""
    names = {**DEFAULT_COLUMNS, **(columns or {})}
    where = f"{path}:{row.number}"
    if row.record is None:
        return Skipped(where, f"row {row.number}: {row.problem}")
    record = row.record
    if names["text"] not in record:
        return Skipped(where, f"row {row.number}: no {names['text']!r} field")
    text = str(record.get(names["text"]) or "")
    if not text.strip():
        return Skipped(where, f"row {row.number}: empty text")
    title = record.get(names["title"]) or None
    article = Article(
        id=str(record.get(names["id"]) or f"{Path(path).stem}:{row.number}"),
        text=text,
        path=where,
        title=None if title is None else str(title),
        outlet=record.get(names["outlet"]) or None,
        published=_parse_date(record.get(names["published"])),
    )
    if record.get(names["published"]) and article.published is None:
        article.flags.append(UNPARSED_DATE)
    given = record.get(names["language"]) if language == "auto" else language
    article.language = given or _language(article, "auto")
    return article


def load_table(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    language: str = "auto",
) -> Corpus:
    """Load articles from a CSV or JSONL file, one article per row.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` file with a header row, or a ``.jsonl`` file with one object per line.
    columns : mapping, optional
        Column names to use instead of :data:`DEFAULT_COLUMNS`, e.g. ``{"text": "body"}``.
        Only the text column is required.
    language : str
        ``"auto"`` to detect per article, or a language code.

    Returns
    -------
    Corpus
        Rows with an empty text or that cannot be parsed are in ``skipped`` with the reason.

    Raises
    ------
    CorpusError
        When the file cannot be read, or its first row has no text column (the column names
        are probably wrong: the message lists the ones found).
    """
    path = Path(path)
    text_column = {**DEFAULT_COLUMNS, **(columns or {})}["text"]
    corpus = Corpus()
    for row in iter_rows(path):
        first = not corpus.articles and not corpus.skipped
        if first and row.record is not None and text_column not in row.record:
            raise CorpusError("no_column", path, column=text_column, found=sorted(row.record))
        item = article_from_row(row, path, columns=columns, language=language)
        (corpus.skipped if isinstance(item, Skipped) else corpus.articles).append(item)
    if not corpus.articles and not corpus.skipped:
        raise CorpusError("no_text", path)
    return corpus


# --- HTML ----------------------------------------------------------------------------------


def load_html(path: str | Path, *, language: str = "auto") -> Article:
    """Extract the article from a saved web page with trafilatura.

    Offsets point into the extracted text, which becomes ``Article.text``.

    References
    ----------
    Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line Tool for Text
    Discovery and Extraction. ACL System Demonstrations. doi:10.18653/v1/2021.acl-demo.15
    """
    import trafilatura

    path = Path(path)
    html = read_text(path)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise CorpusError("html", path)
    article = Article(
        id=path.stem,
        text=text,
        path=str(path),
        title=data.get("title") or None,
        outlet=data.get("sitename") or None,
        published=_parse_date(data.get("date")),
    )
    article.language = _language(article, language)
    return article


# --- folders and dispatch ------------------------------------------------------------------


def load_file(path: Path, format: str = "auto", language: str = "auto",
              columns: Mapping[str, str] | None = None) -> Corpus:
    """Load one file of any readable type (see :func:`load_corpus`)."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return load_table(path, columns=columns, language=language)
    if suffix in HTML_SUFFIXES:
        return Corpus([load_html(path, language=language)])
    if suffix in TEXT_SUFFIXES:
        return Corpus([load_article(path, format=format, language=language)])
    raise CorpusError("unsupported", path, suffix=path.suffix, allowed=READABLE_SUFFIXES)


def corpus_files(root: str | Path) -> list[Path]:
    """Every file below the folder ``root``, in sorted order.

    Symlinked subfolders are followed once: a folder reached again (a second link to it, or a
    link loop) is not read twice.
    """
    seen: set[Path] = set()
    files = []
    for folder, subfolders, names in os.walk(root, followlinks=True):
        real = Path(folder).resolve()
        if real in seen:
            subfolders[:] = []
            continue
        seen.add(real)
        files += [Path(folder, name) for name in names if Path(folder, name).is_file()]
    return sorted(files)


def _progress(items: list[Path], show: bool | None) -> Iterable[Path]:
    if show is None:
        show = len(items) >= PROGRESS_MIN_FILES
    if not show:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc="Loading articles", unit="file")


def load_corpus(
    path: str | Path | Iterable[str | Path],
    *,
    format: str = "auto",
    language: str = "auto",
    columns: Mapping[str, str] | None = None,
    metadata: str | Path | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Load articles from a file, a folder (searched recursively) or a list of them.

    Parameters
    ----------
    path : path or list of paths
        ``.txt`` articles, ``.csv``/``.jsonl`` tables, saved ``.html`` pages, or folders of
        them.
    format : {"auto", "seed", "headline", "plain"}
        Layout of ``.txt`` files (see :func:`parse_article`).
    language : str
        ``"auto"`` (detect per article) or a code imposed on every article.
    columns : mapping, optional
        Column names for tables (see :func:`load_table`).
    metadata : path, optional
        A CSV/TSV table of metadata for articles read from text files, matched on the file
        stem through its ``id`` column (renamed with ``columns``, like the other fields): it
        fills in ``title``, ``outlet`` and ``published`` where the file does not give them.
    progress : bool, optional
        Show a progress bar; by default only for loads of many files.

    Returns
    -------
    Corpus
        The articles in path order, and every file or row skipped with the reason.

    Raises
    ------
    CorpusError
        When a path does not exist, when a single file given directly cannot be read, or when
        nothing readable was found.
    """
    check_choice(format, FORMATS, "format")
    check_choice(language, ("auto", *SUPPORTED_LANGUAGES), "language")
    inputs = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    corpus = Corpus()
    for root in inputs:
        if not root.exists():
            raise CorpusError("missing", root)
        if root.is_file():
            part = load_file(root, format, language, columns)
            corpus.articles += part.articles
            corpus.skipped += part.skipped
            continue
        files = corpus_files(root)
        for file in _progress(files, progress):
            try:
                part = load_file(file, format, language, columns)
            except CorpusError as err:
                corpus.skipped.append(Skipped(str(file), str(err)))
                continue
            corpus.articles += part.articles
            corpus.skipped += part.skipped
        if not corpus.articles:
            reasons = "; ".join(s.reason for s in corpus.skipped) or "the folder is empty"
            raise CorpusError("no_articles", root, n=len(corpus.skipped), reasons=reasons)
    if metadata is not None:
        apply_metadata(corpus.articles, metadata, columns)
    return corpus


@cache
def _metadata_rows(path: str, key: str) -> dict[str, dict[str, str]]:
    table = Path(path)
    if not table.exists():
        raise CorpusError("missing", table)
    delimiter = "\t" if table.suffix.lower() == ".tsv" else ","
    with table.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        if key not in (reader.fieldnames or []):
            raise CorpusError("no_column", table, column=key, found=reader.fieldnames)
        return {row[key]: row for row in reader}


def apply_metadata(articles: Iterable[Article], metadata: str | Path,
                   columns: Mapping[str, str] | None = None) -> None:
    """Fill in the title, outlet and publication date of articles from a metadata table.

    See the ``metadata`` parameter of :func:`load_corpus`; values the article already has are
    kept, and a date that cannot be parsed flags the article.
    """
    names = {**DEFAULT_COLUMNS, **(columns or {})}
    rows = _metadata_rows(str(metadata), names["id"])
    for article in articles:
        row = rows.get(article.id)
        if row is None:
            continue
        article.title = article.title or row.get(names["title"]) or None
        article.outlet = article.outlet or row.get(names["outlet"]) or None
        if article.published is None and row.get(names["published"]):
            article.published = _parse_date(row[names["published"]])
            if article.published is None:
                article.flags.append(UNPARSED_DATE)

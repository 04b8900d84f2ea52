"""Error types and the message templates users see, kept in one place."""

from __future__ import annotations

from collections.abc import Iterable

MESSAGES = {
    "missing": "{path}: no such file or folder",
    "empty": "{path}: the file is empty",
    "binary": "{path}: looks like a binary file (it contains NUL bytes), not text",
    "decode": (
        "{path}: cannot be decoded as UTF-8 (invalid byte 0x{byte:02x} at position {pos}); "
        "save it as UTF-8"
    ),
    "utf16": "{path}: is UTF-16 text; tables are read as UTF-8: save it as UTF-8",
    "no_text": "{path}: contains no article text",
    "no_column": (
        "{path}: has no column {column!r} for the article text; columns found: {found}. "
        "Name the right one with columns={{'text': NAME}} (command line: --column text=NAME)"
    ),
    "bad_row": "{path}: row {row}: {problem}",
    "csv_quote": (
        "{path}: after row {after}: {problem}: a quote mark opened in a field is never closed "
        "(or a quote inside a quoted field is not doubled), so the rows after it would run "
        "into one another; fix the quotes and load the file again"
    ),
    "unsupported": "{path}: unsupported file type {suffix!r}; readable types: {allowed}",
    "no_articles": "{path}: no readable articles ({n} file(s) skipped: {reasons})",
    "choice": "{name} must be one of {allowed}, not {value!r}",
    "language": "{what} supports the languages {allowed}, not {value!r}",
    "html": "{path}: trafilatura found no article text in this HTML page",
    "lexicon": "{path}: lexicon is missing the column(s) {missing}; it has {found}",
    "lexicon_classes": (
        "{path}: classes with no description in closed_classes.csv: {undescribed}; described "
        "classes with no word: {unused}"
    ),
    "one_article": (
        "{path}: holds {n} articles ({ids}); compare takes one article per version: give a "
        "file with one article, or a table with one row"
    ),
    "at_least_one": "{name} must be a whole number of at least 1, not {value!r}",
    "out_is_file": "{path}: is an existing file; give a folder for the output",
    "out_unwritable": "{path}: cannot write the output here ({problem})",
    "scheduler_port": (
        "--scheduler {value!r} has no port; give the scheduler's address with its port, "
        "e.g. tcp://{host}:8786"
    ),
    "scheduler_unreachable": (
        "could not reach the dask scheduler at {address} within {timeout:g} s ({problem}); "
        "is it running, and is the address right?"
    ),
    "no_workers": (
        "the dask scheduler at {address} has no worker connected after {timeout:g} s; "
        "start one with `dask worker {address}`"
    ),
    "other_run": (
        "{path}: holds the tables of another run ({differences}); resume only the same "
        "corpus with the same options, or start afresh with --overwrite (which deletes the "
        "tables there), or choose another --out"
    ),
}


def message(key: str, **fields: object) -> str:
    """Fill the message template ``key`` with ``fields``."""
    return MESSAGES[key].format(**fields)


def check_choice(value: object, allowed: Iterable[object], name: str) -> None:
    """Raise ValueError naming the parameter ``name``, the bad value and the allowed ones."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(message("choice", name=name, allowed=allowed, value=value))


class WorkbookError(ValueError):
    """A problem with the user's input or output, with the message of template ``key``.

    The message names the file (or parameter) and the problem; ``path`` holds the file.
    """

    def __init__(self, key: str, path: object = None, **fields: object) -> None:
        super().__init__(message(key, path=path, **fields))
        self.key = key
        self.path = None if path is None else str(path)


class CorpusError(WorkbookError):
    """An input file or folder that cannot be read as articles."""


class RunError(WorkbookError):
    """A command that cannot start: its output, its scheduler or one of its parameters."""

"""Every chapter runs on corpora other than the seed (papermill), without error or warning.

Strict nbval (``make test``) checks each chapter on the seed, output by output. This module
checks the other promise of the workbook: a chapter's ``corpus`` parameter accepts any corpus
the loader reads. It executes every chapter with papermill on the Italian and the English
MEANTIME files (120 Wikinews articles each, ``../shared/corpora/meantime``) and fails on any
error, and on any warning or traceback that reaches a cell's output (a warning in a student's
output is a bug of the chapter: a 0/0, a deprecated call). About two minutes per corpus on two
cores.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.report import execute, notebooks
from tests.conftest import shared_corpus

pytestmark = pytest.mark.corpora

CORPORA = {"meantime_it": ("meantime", "meantime_it.jsonl"),
           "meantime_en": ("meantime", "meantime_en.jsonl")}


def _noise(executed: Path) -> list[str]:
    """Warnings and tracebacks printed into the executed notebook's outputs, by cell."""
    found = []
    nb = nbformat.read(executed, as_version=4)
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("name") == "stderr" else ""
            if output.get("output_type") == "error" or "Warning" in text or "Traceback" in text:
                found.append(f"cell {index}: {text or output.get('ename')}"[:300])
    return found


@pytest.mark.parametrize("corpus", sorted(CORPORA))
@pytest.mark.parametrize("notebook", notebooks(), ids=lambda p: p.stem)
def test_chapter_runs_on_corpus(notebook: Path, corpus: str, tmp_path: Path) -> None:
    path = shared_corpus(*CORPORA[corpus])
    executed = execute(notebook, tmp_path / notebook.name, corpus=str(path))
    assert _noise(executed) == []

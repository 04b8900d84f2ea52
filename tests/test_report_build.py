"""Building the report folder: all or nothing, Ctrl-C, Markdown and formulas (no notebook runs).

The chapters are not executed here: a stand-in copies each stored notebook (already executed,
as committed), so these tests take seconds. ``test_report.py`` builds the real report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import report
from analysis.cli import main
from analysis.report import ReportError, build_report, markdown_html, mathml, notebooks

CHAPTERS = notebooks()[:3]


@pytest.fixture()
def chapters(tmp_path: Path) -> Path:
    """A notebook folder with three stored chapters."""
    folder = tmp_path / "nb"
    folder.mkdir()
    for notebook in CHAPTERS:
        shutil.copy(notebook, folder / notebook.name)
    return folder


def copy_run(notebook: Path, output: Path, corpus: str | None) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(notebook, output)
    return output


def failing_run(failing: str):
    def run(notebook: Path, output: Path, corpus: str | None) -> Path:
        if notebook.name == failing:
            raise ValueError("max_df corresponds to < documents than min_df")
        return copy_run(notebook, output, corpus)
    return run


def test_a_failed_chapter_leaves_the_previous_report(tmp_path, chapters):
    out = tmp_path / "reports"
    build_report(out, notebook_dir=chapters, run=copy_run)
    before = sorted(p.name for p in out.iterdir())
    index = (out / "index.html").read_text(encoding="utf-8")
    with pytest.raises(ReportError, match=f"chapter {CHAPTERS[1].name} failed.*ValueError"):
        build_report(out, corpus=str(tmp_path / "x.jsonl"), notebook_dir=chapters,
                     run=failing_run(CHAPTERS[1].name))
    assert sorted(p.name for p in out.iterdir()) == before
    assert (out / "index.html").read_text(encoding="utf-8") == index
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_new_report_replaces_the_old_one_whole(tmp_path, chapters):
    out = tmp_path / "reports"
    build_report(out, notebook_dir=chapters, run=copy_run)
    (chapters / CHAPTERS[2].name).unlink()
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text('{"id": "a", "title": "T", "text": "Il governo ha approvato la legge."}\n',
                      encoding="utf-8")
    index = build_report(out, corpus=str(corpus), notebook_dir=chapters, run=copy_run)
    assert not (out / f"{CHAPTERS[2].stem}.html").exists()  # no page left from the first run
    text = index.read_text(encoding="utf-8")
    assert "mine.jsonl (1 article)" in text and "seed" not in text


def test_a_folder_with_other_files_is_not_replaced(tmp_path, chapters):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportError, match="not part of a report"):
        build_report(out, notebook_dir=chapters, run=copy_run)
    assert (out / "chapter1.docx").exists()


def test_ctrl_c_gives_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    def interrupted(notebook, output, corpus):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "execute", interrupted)
    out = tmp_path / "reports"
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--out", str(out)])
    assert exit_.value.code == 130
    assert "interrupted" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source, expected, absent", [
    ("**TF-IDF** weighs *might*", "<strong>TF-IDF</strong> weighs <em>might</em>", "**"),
    ("<script>alert(1)</script> and <b>x</b>", "&lt;script&gt;", "<script"),
    ("[link](javascript:alert(1))", "[link](javascript:alert(1))", 'href="javascript'),
    ("the idf $\\ln\\frac{1+n}{1+df}$ here", "<mfrac>", "\\frac"),
    ("costs $40 and $50 `$PATH` ok", "$40 and $50", "<math"),
])
def test_markdown_html(source, expected, absent):
    rendered = markdown_html(source)
    assert expected in rendered
    assert absent not in rendered


def test_mathml_falls_back_to_escaped_source():
    assert mathml("\\frac{1}{2}").startswith("<math")
    assert mathml("\\frac{<b>}{").startswith('<code class="mw-math">')


def test_an_interrupted_kernel_counts_as_ctrl_c(tmp_path, chapters, capsys):
    class KernelInterrupted(Exception):
        ename, evalue = "KeyboardInterrupt", ""

    def interrupted(notebook, output, corpus):
        raise KernelInterrupted

    with pytest.raises(SystemExit) as exit_:
        build_report(tmp_path / "reports", notebook_dir=chapters, run=interrupted)
    assert exit_.value.code == 130 and "interrupted" in capsys.readouterr().err

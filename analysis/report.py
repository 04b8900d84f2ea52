"""Execute the notebooks on a corpus (papermill) and render a browsable HTML report (nbconvert).

The report is a folder: ``index.html`` (a table of contents) and one page per notebook, with
figures embedded as data URIs and nothing loaded from the network, so it opens offline.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .paths import PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).parent / "templates"
_CAPTION = re.compile(r"^\s*\**\s*(Figure\s+\d+[.:].*?)\s*\**\s*$", re.MULTILINE)
_TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)


@dataclass
class Chapter:
    """One rendered notebook: its title, the notebook it came from and its HTML page."""

    title: str
    notebook: Path
    page: Path
    summary: str


def notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """The chapters, in order (``NN_name.ipynb``)."""
    return sorted(directory.glob("[0-9][0-9]_*.ipynb"))


def execute(notebook: Path, output: Path, corpus: str | None = None) -> Path:
    """Run one notebook with papermill, in its own folder, writing the executed copy.

    Parameters
    ----------
    notebook : Path
    output : Path
        Where the executed notebook is written.
    corpus : str, optional
        Value for the notebook's ``corpus`` parameter; the notebook's default (the seed) if
        None. A relative path is taken from the current folder.
    """
    import papermill

    parameters = {} if corpus is None else {"corpus": str(Path(corpus).resolve())}
    output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook), str(output), parameters=parameters, cwd=str(notebook.parent),
        kernel_name="python3", progress_bar=False,
    )
    return output


def _add_alt_text(nb: nbformat.NotebookNode) -> None:
    """Give each figure the caption of the markdown cell that follows it as alt text."""
    for cell, after in zip(nb.cells, [*nb.cells[1:], None]):
        if cell.cell_type != "code" or after is None or after.cell_type != "markdown":
            continue
        caption = _CAPTION.search(after.source)
        for output in cell.get("outputs", []):
            if caption and "image/png" in output.get("data", {}):
                output.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = (
                    caption.group(1)
                )


def _summary(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """The notebook's title (first heading) and its first paragraph after the title."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            title = _TITLE.search(cell.source)
            if title:
                rest = cell.source[title.end():].strip().split("\n\n")[0]
                return title.group(1).strip(), rest.strip()
    return "Untitled", ""


def render(executed: Path, page: Path) -> Chapter:
    """Render an executed notebook to an HTML page with the workbook's offline template."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    _add_alt_text(nb)
    exporter = HTMLExporter(template_name="workbook", extra_template_basedirs=[str(TEMPLATE_DIR)])
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": executed.stem}})
    page.write_text(body, encoding="utf-8")
    title, summary = _summary(nb)
    return Chapter(title, executed, page, summary)


def write_index(chapters: list[Chapter], out: Path, corpus: str | None) -> Path:
    """Write ``index.html``: the table of contents linking every chapter page."""
    items = "\n".join(
        f'<li><a href="{html.escape(c.page.name)}">{html.escape(c.title)}</a>'
        f"<p>{html.escape(c.summary)}</p></li>"
        for c in chapters
    )
    source = "the seed article (seeds/)" if corpus is None else html.escape(str(corpus))
    index = out / "index.html"
    index.write_text(
        f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Media analysis workbook: report</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}
li{{margin-bottom:1em}} li p{{margin:0.2em 0;color:#444}}</style></head>
<body><h1>Media analysis workbook</h1>
<p>How news is framed, sourced and hedged: every chapter executed on {source}.</p>
<nav><ol>
{items}
</ol></nav></body></html>
""",
        encoding="utf-8",
    )
    return index


def build_report(out: str | Path = "reports", corpus: str | None = None,
                 notebook_dir: Path = NOTEBOOK_DIR) -> Path:
    """Execute every notebook and write the HTML report.

    Parameters
    ----------
    out : path
        The report folder (created); executed notebooks go to ``out/notebooks/``.
    corpus : str, optional
        A user's corpus (file or folder) instead of the seed.

    Returns
    -------
    Path
        ``out/index.html``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    chapters = []
    for notebook in notebooks(notebook_dir):
        executed = execute(notebook, out / "notebooks" / notebook.name, corpus)
        chapters.append(render(executed, out / f"{notebook.stem}.html"))
    (out / "chapters.json").write_text(
        json.dumps([{"title": c.title, "page": c.page.name} for c in chapters], indent=2),
        encoding="utf-8",
    )
    return write_index(chapters, out, corpus)

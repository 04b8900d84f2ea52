"""Execute the notebooks on a corpus (papermill) and render a browsable HTML report (nbconvert).

The report is a folder: ``index.html`` (a table of contents) and one page per notebook, with
figures embedded as data URIs and nothing loaded from the network, so it opens offline.

Three guarantees, each tested (``tests/test_report.py``):

- **Nothing runs.** Every page carries a Content-Security-Policy that allows no script at all
  (:data:`CSP`), and every string that comes from an article reaches the page escaped (pandas
  tables, text outputs, the index), so a hostile corpus cannot run code in a reader's browser.
- **Formulas render offline.** The LaTeX of the notebooks' Markdown (``$...$``, ``$$...$$``) is
  converted to MathML at build time (latex2mathml), which browsers draw natively: no MathJax, no
  script, no network.
- **All or nothing.** The report is built in a fresh folder beside ``out`` and replaces it only
  when every chapter succeeded; after a failure or Ctrl-C the previous report is untouched.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .paths import PROJECT_ROOT, SEED_PATH

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).parent / "templates"
_CAPTION = re.compile(r"^\s*\**\s*(Figure\s+\d+[.:].*?)\s*\**\s*$", re.MULTILINE)
_TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)
#: Code in Markdown (fenced blocks, inline spans): never read as math.
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)
#: ``$$display$$`` or ``$inline$`` (no space inside the dollars, no word or dollar around them).
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])", re.DOTALL)
#: A link from one chapter to another: in the report it points to the chapter's page.
_CHAPTER_LINK = re.compile(r'href="(\d\d_[\w-]+)\.ipynb"')
#: The policy of every page: no script of any kind, images and fonts only from the page itself.
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "base-uri 'none'; form-action 'none'")
#: What the files of a report are called: a folder holding only these may be replaced.
_REPORT_FILES = re.compile(r"^(index\.html|chapters\.json|notebooks|\d\d_[\w-]+\.html)$")


class ReportError(RuntimeError):
    """The report could not be built (a chapter failed, or ``out`` is not a report folder)."""


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


# --- formulas and Markdown -------------------------------------------------------------------


def mathml(latex: str, display: bool = False) -> str:
    """LaTeX as MathML, which browsers draw without any script.

    A formula latex2mathml cannot convert is shown as its escaped source in ``<code>``, so a
    page never fails on one formula.

    Examples
    --------
    >>> mathml("x^2").startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    True
    """
    from latex2mathml.converter import convert

    try:
        return convert(latex.strip(), display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any parser failure: show the source instead
        return f'<code class="mw-math">{html.escape(latex)}</code>'


def _protect_math(source: str, formulas: dict[str, str]) -> str:
    """Replace each formula outside code by a placeholder; ``formulas`` maps it to MathML.

    The placeholders are letters and digits with a random part, so the Markdown renderer
    passes them through untouched and no article text can forge one.
    """
    nonce = secrets.token_hex(4)

    def swap(match: re.Match[str]) -> str:
        key = f"mwmath{nonce}x{len(formulas)}x"
        display = match.group(1) is not None
        formulas[key] = mathml(match.group(1) if display else match.group(2), display=display)
        return key

    parts = _CODE.split(source)
    return "".join(part if i % 2 else _MATH.sub(swap, part) for i, part in enumerate(parts))


def _restore_math(page: str, formulas: dict[str, str]) -> str:
    for key, markup in formulas.items():
        page = page.replace(key, markup)
    return page


def markdown_html(source: str) -> str:
    """Markdown as HTML for the index: raw HTML in the source is escaped, formulas are MathML.

    Examples
    --------
    >>> markdown_html("**TF-IDF** and <b>x</b>")
    '<p><strong>TF-IDF</strong> and &lt;b&gt;x&lt;/b&gt;</p>\\n'
    """
    from markdown_it import MarkdownIt

    formulas: dict[str, str] = {}
    rendered = MarkdownIt("commonmark", {"html": False}).render(_protect_math(source, formulas))
    return _restore_math(rendered, formulas)


# --- pages ------------------------------------------------------------------------------------


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
    """The notebook's title (first heading) and its opening paragraph, as Markdown.

    A paragraph that ends with a colon announces what follows (a list): the next block is
    kept with it, so the summary does not stop mid-sentence.
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            title = _TITLE.search(cell.source)
            if title:
                blocks = [b.strip() for b in cell.source[title.end():].strip().split("\n\n")]
                summary = blocks[0] if blocks else ""
                if summary.endswith(":") and len(blocks) > 1:
                    summary += "\n\n" + blocks[1]
                return title.group(1).strip(), summary
    return "Untitled", ""


def render(executed: Path, page: Path) -> Chapter:
    """Render an executed notebook to an HTML page with the workbook's offline template."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    _add_alt_text(nb)
    formulas: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _protect_math(cell.source, formulas)
    exporter = HTMLExporter(template_name="workbook", extra_template_basedirs=[str(TEMPLATE_DIR)])
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": executed.stem}, "csp": CSP})
    body = _CHAPTER_LINK.sub(r'href="\1.html"', _restore_math(body, formulas))
    page.write_text(body, encoding="utf-8")
    title, summary = _summary(nbformat.read(executed, as_version=4))
    return Chapter(title, executed, page, summary)


def describe_corpus(corpus: str | Path | None) -> str:
    """How the index names the corpus: its path as given, and how many articles it holds."""
    if corpus is None:
        return f"the seed article ({SEED_PATH.relative_to(PROJECT_ROOT)})"
    from .corpus import load_corpus

    try:
        loaded = load_corpus(corpus)
    except (ValueError, OSError):  # CorpusError is a ValueError; the chapters will say why
        return f"the corpus {corpus}"
    def plural(n: int, noun: str) -> str:
        return f"{n:,} {noun}{'' if n == 1 else 's'}"

    skipped = f", {plural(len(loaded.skipped), 'file')} skipped" if loaded.skipped else ""
    return f"the corpus {corpus} ({plural(len(loaded), 'article')}{skipped})"


def write_index(chapters: list[Chapter], out: Path, corpus: str | Path | None) -> Path:
    """Write ``index.html``: the table of contents linking every chapter page.

    Titles and the corpus name are escaped; summaries are Markdown rendered with raw HTML
    escaped (:func:`markdown_html`).
    """
    items = "\n".join(
        f'<li><a href="{html.escape(c.page.name)}">{html.escape(c.title)}</a>'
        f'<div class="summary">{markdown_html(c.summary)}</div></li>'
        for c in chapters
    )
    source = html.escape(describe_corpus(corpus))
    index = out / "index.html"
    index.write_text(
        f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>Media analysis workbook: report</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}
li{{margin-bottom:1em}} .summary{{color:#444}} .summary p{{margin:0.2em 0}}</style></head>
<body><h1>Media analysis workbook</h1>
<p>How news is framed, sourced and hedged: every chapter executed on {source}.</p>
<nav><ol>
{items}
</ol></nav></body></html>
""",
        encoding="utf-8",
    )
    return index


# --- the report, all or nothing ----------------------------------------------------------------


def _check_replaceable(out: Path) -> None:
    """Refuse to replace anything but a missing folder, an empty one or an earlier report."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ReportError(f"{out}: exists and is not a folder; choose another --out")
    strangers = sorted(p.name for p in out.iterdir() if not _REPORT_FILES.match(p.name))
    if strangers:
        raise ReportError(
            f"{out}: holds files that are not part of a report ({', '.join(strangers[:5])}); "
            "the report replaces its folder, so choose a new or empty one with --out"
        )


def _replace(staging: Path, out: Path) -> None:
    """Put the finished report in place of ``out`` (two renames in the same folder)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{secrets.token_hex(4)}")
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_report(out: str | Path = "reports", corpus: str | None = None,
                 notebook_dir: Path = NOTEBOOK_DIR,
                 run: Callable[[Path, Path, str | None], Path] | None = None) -> Path:
    """Execute every notebook and write the HTML report, replacing ``out`` only on success.

    The chapters are executed and rendered into a fresh folder beside ``out``; when every one
    of them succeeded it takes the place of ``out``. After a failure the previous report is
    left as it was and the fresh folder is removed. Ctrl-C does the same and exits with a
    message instead of a traceback (``SystemExit`` 130).

    Parameters
    ----------
    out : path
        The report folder; executed notebooks go to ``out/notebooks/``. An existing folder is
        replaced only if it is empty or holds an earlier report.
    corpus : str, optional
        A user's corpus (file or folder) instead of the seed.
    notebook_dir : Path
        Where the chapters are.
    run : callable, optional
        Executes one notebook: :func:`execute` when None (tests pass a stand-in).

    Returns
    -------
    Path
        ``out/index.html``.

    Raises
    ------
    ReportError
        When ``out`` holds other files, or a chapter raised (the message names it).
    """
    out = Path(out)
    run = execute if run is None else run
    _check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        chapters = []
        for notebook in notebooks(notebook_dir):
            try:
                executed = run(notebook, staging / "notebooks" / notebook.name, corpus)
            except Exception as err:
                name = getattr(err, "ename", type(err).__name__)
                if name == "KeyboardInterrupt":  # the kernel was interrupted, not the chapter
                    raise KeyboardInterrupt from err
                value = getattr(err, "evalue", str(err))
                raise ReportError(
                    f"chapter {notebook.name} failed on {describe_corpus(corpus)}: {name}: "
                    f"{value}. {out} is left as it was."
                ) from err
            chapters.append(render(executed, staging / f"{notebook.stem}.html"))
        (staging / "chapters.json").write_text(
            json.dumps([{"title": c.title, "page": c.page.name} for c in chapters], indent=2),
            encoding="utf-8",
        )
        write_index(chapters, staging, corpus)
    except KeyboardInterrupt:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nmedia-workbook report: interrupted; {out} is left as it was.", file=sys.stderr)
        raise SystemExit(130) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace(staging, out)
    return out / "index.html"

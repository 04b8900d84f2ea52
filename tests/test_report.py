"""The HTML report: built end to end from the notebooks, then opened in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.report import build_report, notebooks


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """Execute every notebook on the seed and render the report once for this module."""
    return build_report(tmp_path_factory.mktemp("report"))


def test_index_links_every_chapter(report):
    index = report.read_text(encoding="utf-8")
    for notebook in notebooks():
        page = report.parent / f"{notebook.stem}.html"
        assert page.exists()
        assert f'href="{page.name}"' in index


def test_pages_load_nothing_from_the_network(report):
    for page in report.parent.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script src="http' not in html
        assert "cdnjs" not in html and "unpkg.com" not in html
        assert '<link rel="stylesheet" href="http' not in html


def test_figures_are_embedded_with_alt_text(report):
    page = (report.parent / "01_corpus.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page
    assert 'alt="Figure 1: Words per sentence' in page


@pytest.mark.browser
def test_report_in_headless_chromium(report, chromium):
    pages = [report, *sorted(p for p in report.parent.glob("*.html") if p != report)]
    images = 0
    for path in pages:
        page = chromium.new_page()
        errors: list[str] = []
        page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        page.goto(path.as_uri(), wait_until="load")
        broken = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length"
        )
        assert broken == 0, f"{path.name}: {broken} image(s) did not load"
        images += page.evaluate("document.images.length")
        assert errors == [], f"{path.name}: console errors {errors}"
        if path == report:
            links = page.eval_on_selector_all("nav a", "els => els.map(a => a.href)")
            assert len(links) == len(pages) - 1
        else:
            assert page.locator(".jp-Notebook, main").count() > 0
        page.close()
    assert images > 0, "the report shows no figure at all"


def test_index_renders_markdown_and_names_the_corpus(report):
    index = report.read_text(encoding="utf-8")
    assert "<strong>TF-IDF</strong>" in index and "**TF-IDF**" not in index
    assert "*might*" not in index
    # 00's opening paragraph ends on a colon: the list it announces comes with it
    assert "would reportedly be supplying" in index
    assert "the seed article (seeds/000_18b1df74ba5e3f05.txt)" in index


def test_every_page_forbids_scripts(report):
    for page in report.parent.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text and "default-src 'none'" in text, page.name
        assert "<script" not in text, page.name


def test_formulas_are_mathml(report):
    page = (report.parent / "02_vocabulary.html").read_text(encoding="utf-8")
    assert page.count("<math") >= 5
    assert "\\frac" not in page and "$G^2" not in page

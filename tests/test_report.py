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


def _check_screenshot(page, name: str) -> None:
    """The page as drawn is not blank: a screenshot of its top has text and contrast."""
    import io

    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(page.screenshot()), format="png")[..., :3]
    dark = (pixels.mean(axis=2) < 0.5).mean()
    assert 0.002 < dark < 0.5, f"{name}: the screenshot is blank or a solid block ({dark:.3%})"


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
        _check_screenshot(page, path.name)
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


HOSTILE_TOKEN = "www.pwn.it/<svg/onload=document.title=navigator.vendor>/x"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory, chromium) -> Path:
    """The report of a corpus whose most frequent token and titles are markup that would run."""
    import json

    folder = tmp_path_factory.mktemp("hostile")
    sentences = [
        f"The ministry said the plan could change, according to {HOSTILE_TOKEN} today.",
        f"Officials reportedly met in Rome on 3 March 2024 and visited {HOSTILE_TOKEN} again.",
        f"Experts believe the talks may fail, {HOSTILE_TOKEN} wrote last week.",
        "The government approved the budget and the opposition criticised the costs.",
    ]
    rows = [{"id": f"evil-{i}", "title": f"<img src=x onerror=document.title='pwned{i}'> {i}",
             "outlet": "<script>document.title='pwned'</script>",
             "published": f"2024-03-0{i + 1}",
             "text": " ".join(sentences[i:] + sentences[:i])} for i in range(3)]
    corpus = folder / "evil.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return build_report(folder / "report", corpus=str(corpus))


@pytest.mark.browser
def test_hostile_corpus_stays_inert_in_the_report(hostile_report, chromium):
    index = hostile_report.read_text(encoding="utf-8")
    assert "evil.jsonl (3 articles)" in index
    pages = [hostile_report, *sorted(hostile_report.parent.glob("[0-9][0-9]_*.html"))]
    assert len(pages) == len(notebooks()) + 1
    escaped = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<svg/onload" not in html and "<img src=x" not in html, path.name
        escaped += "&lt;svg/onload=" in html
        page = chromium.new_page()
        blocked: list[str] = []
        page.on("console", lambda m, b=blocked: b.append(m.text))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(200)  # give an onload or onerror handler the chance to fire
        title = page.title()
        assert "pwned" not in title and "Google" not in title, f"{path.name}: title {title!r}"
        assert page.locator("svg[onload], img[onerror], script").count() == 0, path.name
        page.close()
    assert escaped >= 3, "the hostile token should be shown, escaped, in several chapters"


def test_chapters_link_to_each_other_in_the_report(report):
    page = (report.parent / "03_topics.html").read_text(encoding="utf-8")
    assert 'href="02_vocabulary.html"' in page and 'href="04_hedging.html"' in page
    assert ".ipynb\"" not in page

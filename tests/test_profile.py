"""The one-page profile: figures and findings on real text, and hostile text kept inert."""

from __future__ import annotations

import pytest

from analysis import analyse_sourcing, parse, sourcing_profile
from analysis.cli import main
from analysis.corpus import parse_article
from analysis.paths import SEED_PATH
from analysis.profile import article_profile, marked_text, render_profile

ENGLISH = """North Korea may send more troops to Russia, lawmaker says

Example Wire - 3 July 2025 10:45

North Korea could send additional troops to Russia in the coming months, a South Korean \
lawmaker said on Thursday. "The deployment is likely in July or August," Lee Song-kwon told \
reporters. Some experts believe the troops will probably be used in Kursk. The ministry \
declined to comment. Officials said the troops were sent last summer.
"""

HOSTILE = """Headline <script>window.__pwned = 1</script>

Evil Outlet - 3 July 2025 10:45

Officials said <img src=x onerror="window.__pwned = 2"> the troops may move. \
<a href="javascript:window.__pwned=3">click here</a> according to "sources" <b>bold</b>.
"""


@pytest.fixture(scope="module")
def seed_profile():
    from analysis import load_article

    return article_profile(load_article(SEED_PATH))


def test_seed_profile_figures(seed_profile):
    figures = seed_profile.figures
    assert figures["sentences"].value == 18
    assert figures["flagged dates"].value >= 1
    assert 0 < figures["named sources"].value < 0.5  # mostly unnamed sources
    assert figures["hedged sentences"].value > 0.5  # a heavily hedged article
    assert figures["hedge density"].value == round(
        100 * len(seed_profile.record["hedges"]) / figures["words"].value, 2)


def test_sourcing_figures_are_chapter_05s(seed_profile):
    """The page counts sources as sourcing_profile does: "lui" (he) and the lawmaker it stands
    for are one source, not two as the record's source texts would make them."""
    parsed = parse(seed_profile.article)
    attributions, _ = analyse_sourcing(parsed)
    expected = sourcing_profile(parsed, attributions)
    figures = seed_profile.figures
    assert figures["distinct sources"].value == expected.distinct_sources == 12
    written = {a["source"]["text"].casefold() for a in seed_profile.record["attributions"]
               if a["source"]}
    assert len(written) == 13 and "lui" in written
    assert figures["named sources"].value == round(expected.named_share, 3)
    assert figures["direct quotes"].value == round(expected.direct_quote_share, 3)
    assert figures["attributed sentences"].value == round(expected.attributed_share, 3)


def test_every_finding_names_an_existing_figure(seed_profile):
    names = {*seed_profile.figures, "frame profile"}
    assert seed_profile.findings
    assert all(f.figure in names for f in seed_profile.findings)
    assert any("seconda met\u00e0 del 2023" in f.text for f in seed_profile.findings)
    assert seed_profile.findings[0].text.startswith(
        "The article is heavily hedged: 78% of its sentences carry at least one uncertainty cue "
        "(3.93 cues per 100 words).")
    assert "(score 0.93)." in seed_profile.findings[-1].text


def test_seed_page_content(seed_profile):
    page = render_profile(seed_profile)
    assert "La Corea del Nord potrebbe inviare" in page
    assert "Chas Pravdy" in page and "language: it" in page
    assert '<mark class="date_flag">seconda met\u00e0 del 2023</mark>' in page
    assert "Security_and_defense" in page
    # figures for people: shares in percent, counts whole
    assert "<td>hedged sentences</td><td>78%</td>" in page
    assert "<td>distinct sources</td><td>12</td>" in page
    assert "<script" not in page
    assert "@page { size: A4" in page and "<html" in page


def test_english_article_profile():
    profile = article_profile(parse_article(ENGLISH, id="en"))
    assert profile.article.language == "en"
    assert profile.record["hedges"] and profile.record["attributions"]
    page = render_profile(profile)
    assert "Example Wire" in page and "language: en" in page


def test_marked_text_nests_overlapping_marks_and_escapes():
    text = "a <b> c"
    html = marked_text(text, 0, len(text), [(0, 5, "source"), (2, 5, "hedge")])
    assert html == ('<p><mark class="source">a </mark>'
                    '<mark class="hedge source">&lt;b&gt;</mark> c</p>')


def test_cli_profile_writes_one_file(tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["profile", str(SEED_PATH), "--out", str(out)]) == 0
    assert out.exists() and "Profile written to" in capsys.readouterr().out


def test_hostile_text_is_escaped():
    page = render_profile(article_profile(parse_article(HOSTILE, id="evil", language="en")))
    assert "<script>window" not in page and "<img" not in page and "<a href" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


@pytest.mark.browser
def test_hostile_text_stays_inert_in_chromium(tmp_path, chromium):
    path = tmp_path / "evil.html"
    path.write_text(render_profile(article_profile(parse_article(HOSTILE, id="evil",
                                                                 language="en"))),
                    encoding="utf-8")
    page = chromium.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # give an onerror handler the chance to fire
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert page.locator("a").count() == 0
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1</script>" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert "javascript:window.__pwned=3" in body
    page.close()


def test_colliding_ids_get_one_page_each(tmp_path):
    from analysis.profile import page_names, write_profiles

    assert page_names(["same", "same", "a/b", "a?b", "SAME", ""]) == [
        "same.html", "same-2.html", "a_b.html", "a_b-2.html", "SAME-3.html", "article.html"]
    table = tmp_path / "rows.jsonl"
    table.write_text("\n".join(
        f'{{"id": "{i}", "text": "Officials said the troops may move, article {n}."}}'
        for n, i in enumerate(["same", "same", "a/b", "a?b"])), encoding="utf-8")
    assert len(set(write_profiles(table, tmp_path / "pages").files)) == 4


@pytest.mark.parametrize("case, expected", [
    ("missing", "no such file or folder"),
    ("binary", "looks like a binary file"),
    ("out is a file", "is an existing file; give a folder for the output"),
    ("out below a file", "Not a directory"),
])
def test_cli_profile_errors_are_messages(tmp_path, capsys, case, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(2):
        (corpus / f"a{n}.txt").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "pages"
    if case == "missing":
        corpus = tmp_path / "nowhere"
    elif case == "binary":
        corpus = tmp_path / "bin.txt"
        corpus.write_bytes(b"\x00\x01")
    elif case == "out is a file":
        out.write_text("x", encoding="utf-8")
    else:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "pages"
    assert main(["profile", str(corpus), "--out", str(out)]) == 2
    assert expected in capsys.readouterr().err


def test_cli_profile_lists_unreadable_inputs(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_bytes("citt\u00e0".encode("latin-1"))
    assert main(["profile", str(tmp_path), "--out", str(tmp_path / "pages")]) == 0
    err = capsys.readouterr().err
    assert "2 input(s) skipped" in err and "empty.txt: the file is empty" in err
    assert "latin.txt: cannot be decoded as UTF-8" in err

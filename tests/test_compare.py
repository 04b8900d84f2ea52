"""Comparing versions of a story: sentence alignment, the change types, the HTML view, the CLI."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from analysis import (
    CHANGE_TYPES,
    Article,
    compare,
    load_table,
    monotone_alignment,
    parse,
    similarity_matrix,
)
from analysis.cli import main
from analysis.paths import PROJECT_ROOT, SEED_PATH

from .conftest import shared_corpus

PUBLISHED = date(2025, 6, 26)

# Four unrelated sentences per language: reordering, adding and removing them is unambiguous.
STORY = {
    "it": ["Il governo ha approvato la riforma delle pensioni.",
           "I sindacati hanno annunciato uno sciopero generale.",
           "La borsa di Milano ha chiuso in forte rialzo.",
           "Il presidente visiterà la regione colpita dall'alluvione."],
    "en": ["The government approved the pension reform.",
           "The unions announced a general strike.",
           "The stock exchange closed sharply higher.",
           "The president will visit the region hit by the flood."],
}


def article(sentences: list[str] | str, lang: str, name: str = "x") -> Article:
    text = sentences if isinstance(sentences, str) else " ".join(sentences)
    return Article(name, text, language=lang, published=PUBLISHED)


def alignment(old: list[str], new: list[str], lang: str) -> list[tuple]:
    result = compare(article(old, lang, "old"), article(new, lang, "new"))
    return [(p.old, p.new, tuple(c.type for c in p.changes)) for p in result.pairs]


# --- alignment on constructed pairs, both languages -------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_identical_versions_align_one_to_one_without_changes(lang):
    story = STORY[lang]
    assert alignment(story, story, lang) == [(i, i, ()) for i in range(len(story))]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_sentence_moved_to_the_top_is_found_as_moved(lang):
    s = STORY[lang]
    pairs = alignment(s, [s[3], s[0], s[1], s[2]], lang)
    assert pairs == [(0, 1, ()), (1, 2, ()), (2, 3, ()), (3, 0, ("sentence_moved",))]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_one_sentence_added(lang):
    s = STORY[lang]
    pairs = alignment([s[0], s[1], s[3]], s, lang)
    assert pairs == [(0, 0, ()), (1, 1, ()), (None, 2, ("sentence_added",)), (2, 3, ())]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_one_sentence_removed(lang):
    s = STORY[lang]
    pairs = alignment(s, [s[0], s[2], s[3]], lang)
    assert pairs == [(0, 0, ()), (1, None, ("sentence_removed",)), (2, 1, ()), (3, 2, ())]


@pytest.mark.parametrize(("lang", "hedged", "stripped"), [
    ("it", "L'esercito potrebbe inviare truppe al confine.",
     "L'esercito invierà truppe al confine."),
    ("en", "The army may send troops to the border.", "The army will send troops to the border."),
])
def test_one_hedge_stripped(lang, hedged, stripped):
    s = STORY[lang]
    pairs = alignment([s[0], hedged, s[1]], [s[0], stripped, s[1]], lang)
    assert pairs == [(0, 0, ()), (1, 1, ("hedge_removed",)), (2, 2, ())]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_unrelated_versions_share_no_pair(lang):
    other = {"it": ["Piove da tre giorni sulla costa ligure."],
             "en": ["Heavy rain has fallen on the coast for days."]}[lang]
    pairs = alignment(STORY[lang][:2], other, lang)
    assert [p[2] for p in pairs] == [("sentence_removed",), ("sentence_removed",),
                                     ("sentence_added",)]


@pytest.mark.parametrize(("old", "new"), [("", ""), ("", "x"), ("x", "")])
def test_empty_versions(old, new):
    text = {"": "", "x": " ".join(STORY["it"][:2])}
    result = compare(article(text[old], "it"), article(text[new], "it"))
    expected = {"": [], "x": ["sentence_added"] * 2}[new] if not old else ["sentence_removed"] * 2
    assert [c.type for p in result.pairs for c in p.changes] == expected
    assert result.frame().shape[0] == len(expected)


# --- the similarity matrix and the monotone alignment -----------------------------------------
def test_similarity_of_identical_and_disjoint_sentences():
    matrix = similarity_matrix([["pace", "accordo"], ["guerra"]], [["pace", "accordo"], []])
    assert matrix.shape == (2, 2)
    assert matrix[0, 0] == pytest.approx(1.0)
    assert matrix[1, 0] == 0.0 and matrix[1, 1] == 0.0


@pytest.mark.parametrize(("matrix", "threshold", "expected"), [
    ([[0.9, 0.0], [0.0, 0.8]], 0.3, [(0, 0), (1, 1)]),
    ([[0.0, 0.9], [0.8, 0.0]], 0.3, [(0, 1)]),  # a crossing pair is left for the moves
    ([[0.2, 0.0], [0.0, 0.25]], 0.3, []),  # below the threshold nothing aligns
    ([[0.5, 0.6], [0.0, 0.5]], 0.3, [(0, 0), (1, 1)]),  # the best total, not the best pair
])
def test_monotone_alignment(matrix, threshold, expected):
    assert monotone_alignment(np.array(matrix), threshold) == expected


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_threshold_is_validated(threshold):
    with pytest.raises(ValueError, match="threshold must be in"):
        compare(article(STORY["it"], "it"), article(STORY["it"], "it"), threshold=threshold)


# --- each change type, both languages, with negatives ------------------------------------------
@pytest.mark.parametrize(("lang", "old", "new", "expected"), [
    # hedges
    ("it", "Secondo Reuters, Mosca potrebbe inviare truppe.",
     "Secondo Reuters, Mosca invierà truppe.",
     [("hedge_removed", "potrebbe", None)]),
    ("it", "Secondo Reuters, Mosca invierà truppe.",
     "Secondo Reuters, Mosca probabilmente invierà truppe.",
     [("hedge_added", None, "probabilmente")]),
    ("en", "Officials said Moscow will probably send troops.",
     "Officials said Moscow will send troops.", [("hedge_removed", "probably", None)]),
    ("en", "Officials said Moscow will send troops.", "Officials said Moscow might send troops.",
     [("hedge_added", None, "might")]),
    # two conditionals share the lexicon's ending: the one stripped is reported, not the first
    ("it", "Secondo Reuters, Mosca starebbe inviando truppe, il che potrebbe cambiare tutto.",
     "Secondo Reuters, Mosca sta inviando truppe, il che potrebbe cambiare tutto.",
     [("hedge_removed", "starebbe", None)]),
    # sources: named to anonymous, lost, gained
    ("it", "Secondo Reuters, Mosca invierà truppe.", "Secondo alcune fonti, Mosca invierà truppe.",
     [("source_changed", "Reuters", "alcune fonti")]),
    ("en", "According to Reuters, Moscow will send troops.",
     "According to some sources, Moscow will send troops.",
     [("source_changed", "Reuters", "some sources")]),
    ("it", "Secondo Reuters, Mosca invierà truppe in Bielorussia.",
     "Mosca invierà truppe in Bielorussia.", [("source_removed", "Reuters", None)]),
    ("en", "Moscow will send troops to Belarus.",
     "According to Reuters, Moscow will send troops to Belarus.",
     [("source_added", None, "Reuters")]),
    # a longer mention of the same named source is no change
    ("it", "Secondo Lee Song-kwon, Mosca invierà truppe.",
     "Secondo il deputato Lee Song-kwon, Mosca invierà truppe.", []),
    # numbers, digits and words; a date's digits are a date, not a number
    ("it", "Secondo Reuters, Mosca invierà 3.000 soldati.",
     "Secondo Reuters, Mosca invierà 5.000 soldati.",
     [("number_changed", "3.000", "5.000")]),
    ("en", "Reuters said Moscow will send three brigades.",
     "Reuters said Moscow will send two brigades.",
     [("number_changed", "three", "two")]),
    ("it", "Secondo Reuters, Mosca invierà tre brigate.",
     "Secondo Reuters, Mosca invierà 3 brigate.", []),
    ("it", "Il vertice si terrà il 3 luglio 2025 a Roma.",
     "Il vertice si terrà il 3 agosto 2025 a Roma.",
     [("date_changed", "3 luglio 2025", "3 agosto 2025")]),
    ("en", "The summit will be held in Rome on July 3, 2025.",
     "The summit will be held in Rome on August 3, 2025.",
     [("date_changed", "July 3, 2025", "August 3, 2025")]),
    # the same date written differently is no change
    ("en", "The summit will be held in Rome on July 3, 2025.",
     "The summit will be held in Rome on 3 July 2025.", []),
    # quotes
    ('it', 'Il ministro ha detto: "siamo pronti a trattare".',
     'Il ministro ha detto: "siamo pronti".',
     [("quote_changed", '"siamo pronti a trattare"', '"siamo pronti"')]),
    ("en", 'The minister said: "we are ready to talk".', 'The minister said: "we are ready".',
     [("quote_changed", '"we are ready to talk"', '"we are ready"')]),
    # negatives: a rewording none of the detectors sees
    ("en", "The minister said the talks were useful.",
     "The minister said the talks were very useful.",
     []),
])
def test_change_types(lang, old, new, expected):
    result = compare(article(old, lang, "old"), article(new, lang, "new"))
    assert [(p.old, p.new) for p in result.pairs] == [(0, 0)]
    assert [(c.type, c.old, c.new) for c in result.pairs[0].changes] == expected


def test_source_changed_carries_both_source_types():
    result = compare(article("Secondo Reuters, Mosca invierà truppe.", "it"),
                     article("Secondo alcune fonti, Mosca invierà truppe.", "it"))
    (change,) = result.pairs[0].changes
    assert change.as_dict() == {"type": "source_changed", "old": "Reuters", "new": "alcune fonti",
                                "old_source_type": "named_organisation",
                                "new_source_type": "anonymous"}


def test_change_offsets_point_into_each_text():
    old, new = (article("Secondo Reuters, Mosca potrebbe inviare 3.000 soldati.", "it"),
                article("Secondo fonti, Mosca invierà 5.000 soldati.", "it"))
    for change in compare(old, new).pairs[0].changes:
        if change.old is not None:
            assert old.text[change.old_start:change.old_end] == change.old
        if change.new is not None:
            assert new.text[change.new_start:change.new_end] == change.new


# --- across languages ----------------------------------------------------------------------------
def test_cross_language_compares_numbers_dates_and_named_sources_only():
    old = article(["Secondo Reuters, Putin e Kim potrebbero schierare 3.000 soldati.",
                   "Il vertice tra Putin e Kim si è svolto a Pyongyang il 19 giugno 2024.",
                   "Il governo ha approvato la riforma delle pensioni."], "it")
    new = article(["According to Reuters, Putin and Kim will deploy 5,000 soldiers.",
                   "The summit between Putin and Kim took place in Pyongyang on June 20, 2024.",
                   "The government approved the pension reform."], "en")
    result = compare(old, new)
    assert result.cross_language
    assert [(p.old, p.new, [c.type for c in p.changes]) for p in result.pairs] == [
        (0, 0, ["number_changed"]), (1, 1, ["date_changed"]),  # no hedge across languages
        (2, None, ["sentence_removed"]), (None, 2, ["sentence_added"])]  # nothing to anchor


def test_a_translation_brings_hedges_back():
    old = article(["Il governo ha approvato la riforma delle pensioni.",
                   "Mosca potrebbe inviare truppe al confine."], "it")
    new = article(["The government approved the pension reform.",
                   "Moscow will send troops to the border."], "en")
    translation = ["Il governo ha approvato la riforma delle pensioni.",
                   "Mosca invierà truppe al confine."]
    result = compare(old, new, translation=translation)
    assert [(p.old, p.new, [c.type for c in p.changes]) for p in result.pairs] == [
        (0, 0, []), (1, 1, ["hedge_removed"])]
    with pytest.raises(ValueError, match="one string per sentence"):
        compare(old, new, translation=translation[:1])
    with pytest.raises(ValueError, match="translation is for versions in two languages"):
        compare(old, old, translation=translation)


def test_meantime_parallel_pairs_align_on_the_diagonal():
    """English originals and their Italian translations: where both have as many sentences,
    the translation is taken as sentence-for-sentence and the diagonal as the gold alignment
    (an assumption: a translator may split one sentence and join two others)."""
    folder = shared_corpus("meantime")
    english = {a.id.rsplit(":", 1)[-1]: a for a in load_table(folder / "meantime_en.jsonl")}
    italian = {a.id.rsplit(":", 1)[-1]: a for a in load_table(folder / "meantime_it.jsonl")}
    gold = aligned = correct = 0
    for key in sorted(english)[:40]:
        en, it = parse(english[key]), parse(italian[key])
        if len(en.sentences) != len(it.sentences):
            continue
        gold += len(en.sentences)
        pairs = [p for p in compare(en, it).pairs if p.old is not None and p.new is not None]
        aligned += len(pairs)
        correct += sum(p.old == p.new for p in pairs)
    assert gold > 100
    assert correct / aligned > 0.95  # precision of the anchor alignment
    assert correct / gold > 0.6  # recall: sentences without numbers or names cannot align


# --- outputs: records, tidy table, escaped HTML, the command ----------------------------------
def test_records_follow_the_schema():
    s = STORY["en"]
    result = compare(article(s, "en"), article([s[1], s[0], "Sales rose 4%."], "en"))
    records = json.loads(json.dumps(result.records()))
    assert all(set(r) == {"old", "new", "similarity", "changes"} for r in records)
    types = {c["type"] for r in records for c in r["changes"]}
    assert types <= set(CHANGE_TYPES)
    assert {"sentence_moved", "sentence_added", "sentence_removed"} <= types
    assert result.counts().index.tolist() == list(CHANGE_TYPES)
    assert result.counts().sum() == len(result.frame())


def test_html_escapes_article_text():
    old = article(["Il governo ha approvato la <script>alert(1)</script> riforma.",
                   "Secondo Reuters, Mosca potrebbe inviare truppe."], "it")
    new = article(["Il governo ha approvato la <script>alert(1)</script> riforma.",
                   "Secondo fonti, Mosca invierà truppe."], "it")
    page = compare(old, new).html()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'title="hedge_removed"' in page and 'title="source_changed"' in page


def test_cli_compare_json_and_html(tmp_path, capsys):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Secondo Reuters, Mosca potrebbe inviare truppe al confine.\n", encoding="utf-8")
    new.write_text("Secondo alcune fonti, Mosca invierà truppe al confine.\n", encoding="utf-8")
    assert main(["compare", str(old), str(new), "--lang", "it"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [c["type"] for c in records[0]["changes"]] == ["hedge_removed", "source_changed"]
    out = tmp_path / "view.html"
    assert main(["compare", str(old), str(new), "--format", "html", "--out", str(out)]) == 0
    assert "mw-compare" in out.read_text(encoding="utf-8")


def test_cli_compare_reports_a_missing_file(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nope.txt"), str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_language_without_lexicons_still_compares_sentences_and_numbers():
    old = article("Die Regierung hat 3.000 Soldaten geschickt. Das ist neu.", "de")
    new = article("Die Regierung hat 5.000 Soldaten geschickt.", "de")
    assert [(p.old, p.new, [c.type for c in p.changes]) for p in compare(old, new).pairs] == [
        (0, 0, ["number_changed"]), (1, None, ["sentence_removed"])]


def test_cli_finds_every_edit_of_the_constructed_rewrite_of_the_seed(capsys):
    """data/examples/versions/ holds the seed with known edits (see its README)."""
    rewrite = PROJECT_ROOT / "data" / "examples" / "versions" / "seed_rewrite_constructed.txt"
    assert main(["compare", str(SEED_PATH), str(rewrite)]) == 0
    records = json.loads(capsys.readouterr().out)
    found = sorted((c["type"], c["old"], c["new"]) for r in records for c in r["changes"]
                   if not c["type"].startswith("sentence_"))
    assert found == [("hedge_removed", "potrebbe", None), ("hedge_removed", "probabilmente", None),
                     ("hedge_removed", "starebbe", None), ("source_removed", "alcune fonti", None)]
    moves = sorted(c["type"] for r in records for c in r["changes"]
                   if c["type"].startswith("sentence_"))
    assert moves == ["sentence_added", "sentence_moved", "sentence_removed"]


OLD_TEXT = "Secondo Reuters, Mosca potrebbe inviare truppe al confine."
NEW_TEXT = "Secondo alcune fonti, Mosca invierà truppe al confine."


def _version(folder, suffix: str, text: str):
    path = folder / f"version{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"id": "v", "text": text}) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        path.write_text(f'id,text\nv,"{text}"\n', encoding="utf-8")
    else:
        path.write_text(f"<html><body><article><p>{text} {'Testo di contorno. ' * 8}</p>"
                        "</article></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".html"])
def test_cli_compare_reads_tables_and_pages_through_the_loader(tmp_path, capsys, suffix):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = _version(tmp_path / "old", suffix, OLD_TEXT)
    new = _version(tmp_path / "new", suffix, NEW_TEXT)
    assert main(["compare", str(old), str(new), "--lang", "it"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [c["type"] for r in records for c in r["changes"]] == [
        "hedge_removed", "source_changed"]
    from analysis.cli import _one_article

    assert _one_article(str(old), "it").text.startswith(OLD_TEXT)  # the article, not markup


def test_cli_compare_refuses_a_table_of_several_articles(tmp_path, capsys):
    table = tmp_path / "two.jsonl"
    table.write_text("\n".join(json.dumps({"id": i, "text": OLD_TEXT}) for i in "ab"),
                     encoding="utf-8")
    assert main(["compare", str(table), str(table)]) == 2
    assert "two.jsonl: holds 2 articles (a, b); compare takes one article" in (
        capsys.readouterr().err)


@pytest.mark.parametrize("where", ["missing/view.html", "file/view.html"])
def test_cli_compare_out_into_a_folder_that_cannot_take_it(tmp_path, capsys, where):
    old = tmp_path / "old.txt"
    old.write_text(OLD_TEXT, encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["compare", str(old), str(old), "--out", str(tmp_path / where)]) == 2
    assert f"{tmp_path / where}: " in capsys.readouterr().err


def test_closest_article_finds_the_other_version():
    from analysis import Article, closest_article, parse

    texts = ["Il governo ha approvato la riforma delle pensioni dopo un lungo dibattito.",
             "La squadra ha vinto la partita di calcio allo stadio.",
             "Dopo un lungo dibattito il governo approva la riforma delle pensioni."]
    parsed = [parse(Article(str(i), t, language="it")) for i, t in enumerate(texts)]
    match, cosine = closest_article(parsed, 0)
    assert match == 2 and 0.5 < cosine <= 1.0
    assert closest_article(parsed[:1], 0) == (None, 0.0)
    with pytest.raises(IndexError, match="article 5 is not in a corpus of 3"):
        closest_article(parsed, 5)


def test_compare_parallel_pairs_articles_by_id():
    from analysis import Article, compare_parallel

    english = [Article("en:1", "The government approved the reform. Moscow will send 300 troops.",
                       language="en"),
               Article("en:2", "Only in English.", language="en")]
    italian = [Article("it:1", "Il governo ha approvato la riforma. Mosca invierà 300 truppe.",
                       language="it")]
    table, found = compare_parallel(english, italian)
    assert table["id"].tolist() == ["1"]
    row = table.iloc[0]
    assert (row["old sentences"], row["new sentences"]) == (2, 2)
    assert row["on the diagonal"] <= row["aligned"] <= 2
    assert "sentence_moved" not in found

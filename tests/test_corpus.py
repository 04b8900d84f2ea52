"""Loaders: the seed format, plain text, tables, HTML, folders, and every bad input."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from analysis import CorpusError, load_article, load_corpus, load_html, load_table
from analysis.corpus import EMPTY_SOURCE, iter_rows, parse_article, parse_dateline, row_runs
from analysis.paths import SEED_PATH
from tests.conftest import shared_corpus

SEED_TITLE = (
    "La Corea del Nord potrebbe inviare ulteriori truppe in Russia per la guerra contro "
    "l\u2019Ucraina nei prossimi mesi, riporta Reuters"
)


def test_seed_metadata(seed_article):
    assert seed_article.id == "000_18b1df74ba5e3f05"
    assert seed_article.title == SEED_TITLE
    assert seed_article.outlet == "Chas Pravdy"
    assert seed_article.published == datetime(2025, 6, 26, 13, 19)
    assert seed_article.published_iso == "2025-06-26T13:19"
    assert seed_article.language == "it"


def test_seed_spans_slice_back(seed_article):
    text = seed_article.text
    assert text[seed_article.title_start : seed_article.title_end] == SEED_TITLE
    assert seed_article.body.startswith("Secondo giornalisti internazionali")
    assert seed_article.body.endswith("in attesa di ulteriori notizie.")
    assert "Chas Pravdy" not in seed_article.body


def test_empty_source_line_is_flagged_not_dropped(seed_article):
    assert seed_article.source == ""
    assert EMPTY_SOURCE in seed_article.flags
    assert "Source" not in seed_article.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chas Pravdy - 26 Giugno 2025 13:19", ("Chas Pravdy", datetime(2025, 6, 26, 13, 19))),
        ("Il Post \u2013 3 marzo 2024 08.05", ("Il Post", datetime(2024, 3, 3, 8, 5))),
        ("The Guardian - 5 November 2023 10:00", ("The Guardian", datetime(2023, 11, 5, 10))),
        ("BBC - 1 Sept 2022", ("BBC", datetime(2022, 9, 1))),
        ("Ansa - 31 febbraio 2024 10:00", None),  # no such day
        ("Ansa - 3 Brumaio 2024 10:00", None),  # not a month
        ("Just a sentence - with a dash", None),
    ],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


def test_seed_layout_with_named_source():
    text = "Headline here\n\nAgency X - 2 May 2024 09:30\n\nBody sentence.\n\nSource: Reuters\n"
    article = parse_article(text, id="a", language="en")
    assert (article.title, article.outlet, article.source) == ("Headline here", "Agency X",
                                                               "Reuters")
    assert article.body == "Body sentence."
    assert article.flags == []


def test_plain_text_has_no_headline_unless_the_format_says_so():
    text = "First line of a plain article.\nSecond line, same article."
    plain = parse_article(text, id="p", language="en")
    assert plain.title is None and plain.body == text
    headed = parse_article(text, id="p", format="headline", language="en")
    assert headed.title == "First line of a plain article."
    assert headed.body == "Second line, same article."


def test_bad_format_is_rejected():
    with pytest.raises(ValueError, match="format must be one of"):
        parse_article("text", id="x", format="markdown")


def test_english_detected(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Officials said on Monday that the troops would be sent next month, "
                    "according to a report by the agency.", encoding="utf-8")
    assert load_article(path).language == "en"


# --- bad input: every case names the file and the problem ------------------------------------

@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Caff\u00e8 ristretto".encode("latin-1"), "cannot be decoded as UTF-8"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path, content, match):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=match) as err:
        load_article(path)
    assert str(path) in str(err.value)
    assert err.value.path == str(path)


def test_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nowhere")


def test_folder_reports_every_skipped_file(tmp_path):
    (tmp_path / "good.txt").write_text("Un articolo qualsiasi sulla guerra in Ucraina.",
                                       encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_bytes("citt\u00e0".encode("latin-1"))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}
    assert set(reasons) == {"empty.txt", "latin.txt", "notes.docx"}
    assert "empty" in reasons["empty.txt"]
    assert "UTF-8" in reasons["latin.txt"]
    assert "unsupported file type" in reasons["notes.docx"]
    assert list(corpus.skipped_frame().columns) == ["path", "reason"]


def test_folder_with_nothing_readable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="no readable articles.*empty"):
        load_corpus(tmp_path)


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="the folder is empty"):
        load_corpus(tmp_path)


# --- tables -------------------------------------------------------------------------------

def test_csv_with_custom_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "doc,headline,body,date\n"
        "n1,Troops,\"Officials said the troops will move, according to the ministry.\",2024-05-02\n"
        "n2,Empty,,2024-05-03\n",
        encoding="utf-8",
    )
    corpus = load_table(path, columns={"id": "doc", "title": "headline", "text": "body",
                                       "published": "date"})
    assert [a.id for a in corpus] == ["n1"]
    assert corpus[0].title == "Troops"
    assert corpus[0].published == date(2024, 5, 2)
    assert corpus[0].language == "en"
    assert [s.reason for s in corpus.skipped] == ["row 3: empty text"]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"news.csv: has no column 'text'.*\['body', 'id'\]"):
        load_table(path)


def test_jsonl_bad_lines_are_reported(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "La Corea del Nord potrebbe inviare truppe in Russia."}),
        "{not json",
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    corpus = load_corpus(path)
    assert [a.id for a in corpus] == ["a"]
    assert corpus[0].language == "it"
    assert [s.reason.split(":")[0] for s in corpus.skipped] == ["row 2", "row 3"]


def test_table_in_latin1_names_the_byte(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes("id,text\n1,citt\u00e0\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"news.csv: cannot be decoded as UTF-8 .*0xe0"):
        load_table(path)


def test_jsonl_row_without_text_field_is_skipped(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Le truppe sono partite ieri."}) + "\n"
                    + json.dumps({"id": "b", "body": "wrong field"}) + "\n", encoding="utf-8")
    corpus = load_table(path)
    assert [a.id for a in corpus] == ["a"]
    assert corpus.skipped[0].reason == "row 2: no 'text' field"


def test_html_via_trafilatura(tmp_path):
    body = " ".join(["Officials said the troops would be deployed next month."] * 6)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Troops to Russia</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Troops to Russia</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Cookie policy</footer></body></html>",
        encoding="utf-8",
    )
    article = load_html(path)
    assert "troops would be deployed" in article.text
    assert "Cookie policy" not in article.text
    assert article.title == "Troops to Russia"
    assert article.language == "en"


def test_html_without_article_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>",
                    encoding="utf-8")
    with pytest.raises(CorpusError, match="blank.html: trafilatura found no article text"):
        load_html(path)


def test_seed_folder_loads_the_seed():
    corpus = load_corpus(SEED_PATH.parent)
    assert [a.id for a in corpus] == [SEED_PATH.stem]
    assert corpus.skipped == []


# --- real multi-article corpora -----------------------------------------------------------

@pytest.mark.corpora
def test_meantime_jsonl_parallel_corpus():
    it = load_corpus(shared_corpus("meantime", "meantime_it.jsonl"))
    en = load_corpus(shared_corpus("meantime", "meantime_en.jsonl"))
    assert len(it) == len(en) == 120
    assert not it.skipped and not en.skipped
    assert {a.id for a in it} == {a.id for a in en}
    detected_it = sum(a.language == "it" for a in load_table(
        shared_corpus("meantime", "meantime_it.jsonl"), columns={"language": "none"}))
    assert detected_it >= 118  # the detector, not the file's column, decides here
    assert all(isinstance(a.published, date) for a in it)


@pytest.mark.corpora
def test_semeval_folder_with_headline_format():
    folder = shared_corpus("semeval2023-frames", "it", "train", "text")
    corpus = load_corpus(folder, format="headline", progress=False)
    assert len(corpus) == 171
    assert all(a.title for a in corpus)
    assert sum(a.language == "it" for a in corpus) >= 165


@pytest.mark.corpora
def test_polnear_folder():
    folder = shared_corpus("polnear", "dev", "text")
    corpus = load_corpus(folder, progress=False)
    assert len(corpus) == 84
    assert sum(a.language == "en" for a in corpus) >= 82


def test_metadata_table_fills_outlet_and_date(tmp_path):
    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "nyt_1.txt").write_text("Officials said the vote was delayed.", encoding="utf-8")
    (folder / "fox_2.txt").write_text("The senator told reporters he would run.", encoding="utf-8")
    meta = tmp_path / "metadata.tsv"
    meta.write_text("filename\tpublisher\tpublication_date\ttitle\n"
                    "nyt_1\tnyt\t2016-09-12\tVote delayed\nfox_2\tfox\tnot a date\t\n",
                    encoding="utf-8")
    corpus = load_corpus(folder, metadata=meta, columns={
        "id": "filename", "outlet": "publisher", "published": "publication_date"})
    by_id = {a.id: a for a in corpus}
    assert (by_id["nyt_1"].outlet, by_id["nyt_1"].published, by_id["nyt_1"].title) == (
        "nyt", date(2016, 9, 12), "Vote delayed")
    assert by_id["fox_2"].published is None and "unparsed_date" in by_id["fox_2"].flags


def test_metadata_table_without_key_column(tmp_path):
    (tmp_path / "a.txt").write_text("Some article text here.", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("name,outlet\na,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="meta.csv: has no column 'id'"):
        load_corpus(tmp_path / "a.txt", metadata=meta)


TABLES = {
    "rows.jsonl": '{"text": "uno"}\n\n{"text": "due"}\r\n{broken\n[1]\n{"text": "tre"}\n\n',
    "rows.csv": ('\ufeffid,text\r\na,"first line\r\nsecond line"\r\n\r\nb,"with ""quotes"""'
                 '\r\nc,plain\rd,"lone CR\rinside"\re,last'),
}


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("size", [1, 2, 3, 10])
def test_row_runs_read_back_the_whole_table(tmp_path, name, size):
    path = tmp_path / name
    path.write_bytes(TABLES[name].encode("utf-8"))
    whole = list(iter_rows(path))
    runs = list(row_runs(path, size))
    assert [r.count for r in runs[:-1]] == [size] * (len(runs) - 1)
    assert sum(r.count for r in runs) == len(whole) == 5
    assert [row for run in runs for row in iter_rows(path, run)] == whole


def test_csv_rows_keep_multiline_fields_and_numbers(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(TABLES["rows.csv"].encode("utf-8"))
    rows = list(iter_rows(path))
    assert [r.number for r in rows] == [2, 3, 4, 5, 6]
    assert rows[0].record == {"id": "a", "text": "first line\r\nsecond line"}
    assert rows[1].record["text"] == 'with "quotes"'
    assert rows[3].record == {"id": "d", "text": "lone CR\rinside"}


def test_symlinked_subfolders_are_followed_once(tmp_path):
    from analysis.corpus import corpus_files

    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "linked.txt").write_text("Officials said the troops would move.", encoding="utf-8")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "own.txt").write_text("Officials said the troops would stay.", encoding="utf-8")
    (root / "sub").symlink_to(real, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)  # a link loop is read once
    assert [p.name for p in corpus_files(root)] == ["own.txt", "linked.txt"]
    assert sorted(a.id for a in load_corpus(root, progress=False)) == ["linked", "own"]


def test_csv_with_an_unclosed_quote_is_refused_not_merged(tmp_path):
    """One unterminated quote would run row 4 into row 3: the file is refused with the row."""
    rows = [f'{n},Title {n},"Body of article {n}, with a comma."' for n in range(1, 11)]
    rows[2] = '3,Title 3,"Body of article 3 never closes'
    path = tmp_path / "articles.csv"
    path.write_text("id,title,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"articles\.csv: after row 3: .*never closed"):
        load_corpus(path)
    (tmp_path / "good.txt").write_text("Una notizia breve.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)  # in a folder the file is skipped with the reason
    assert [a.id for a in corpus] == ["good"]
    assert any("never closed" in skipped.reason for skipped in corpus.skipped)

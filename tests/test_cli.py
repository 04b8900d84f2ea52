"""The media-workbook command: the annotate contract on the seed and on bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from analysis.cli import main
from analysis.paths import SEED_PATH


def run_annotate(capsys, *args: str) -> tuple[int, str]:
    code = main(["annotate", *args])
    return code, capsys.readouterr().out


def test_annotate_seed_json(capsys):
    code, out = run_annotate(capsys, str(SEED_PATH), "--format", "json")
    assert code == 0
    (record,) = json.loads(out)
    assert record["id"] == SEED_PATH.stem
    assert record["title"].startswith("La Corea del Nord potrebbe inviare")
    assert record["outlet"] == "Chas Pravdy"
    assert record["published"] == "2025-06-26T13:19"
    assert record["language"] == "it"
    assert record["skipped"] is None
    text = SEED_PATH.read_text(encoding="utf-8")
    spans = record["sentences"]
    assert len(spans) == 18
    assert text[spans[0]["start"] : spans[0]["end"]] == record["title"]
    assert text[spans[1]["start"] : spans[1]["end"]].startswith("Secondo giornalisti")
    assert all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:]))


def test_annotate_jsonl_one_object_per_line(capsys, tmp_path):
    other = tmp_path / "en.txt"
    other.write_text("Officials said the troops would move next month.", encoding="utf-8")
    code, out = run_annotate(capsys, str(SEED_PATH), str(other), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["language"] for r in records] == ["it", "en"]
    assert records[1]["title"] is None


def test_annotate_reports_unreadable_input(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, out = run_annotate(capsys, str(bad))
    (record,) = json.loads(out)
    assert code == 1
    assert "binary file" in record["skipped"] and str(bad) in record["skipped"]


def test_console_script_is_installed():
    exe = shutil.which("media-workbook") or str(
        __import__("pathlib").Path(sys.executable).with_name("media-workbook"))
    result = subprocess.run([exe, "annotate", str(SEED_PATH)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["language"] == "it"


def test_unknown_command_fails():
    with pytest.raises(SystemExit):
        main(["nonsense"])


def test_annotate_takes_the_column_the_hint_suggests(capsys, tmp_path):
    table = tmp_path / "news.csv"
    table.write_text("id,body\n1,Officials said the troops would move next month.\n",
                     encoding="utf-8")
    code, out = run_annotate(capsys, str(table))
    (record,) = json.loads(out)
    assert code == 1 and "--column text=NAME" in record["skipped"]
    code, out = run_annotate(capsys, str(table), "--column", "text=body")
    (record,) = json.loads(out)
    assert code == 0 and record["text"].startswith("Officials said")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom_is_read_as_text(capsys, tmp_path, encoding):
    path = tmp_path / "article.txt"
    bom = b"\xff\xfe" if encoding == "utf-16" else b"\xfe\xff"
    text = "Officials said the troops would move next month."
    path.write_bytes((bom if encoding == "utf-16-be" else b"") + text.encode(encoding))
    code, out = run_annotate(capsys, str(path))
    assert code == 0 and json.loads(out)[0]["text"] == text


def test_utf16_table_is_named_as_such(capsys, tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes('{"text": "Officials said so."}\n'.encode("utf-16"))
    code, out = run_annotate(capsys, str(path))
    assert code == 1 and "is UTF-16 text; tables are read as UTF-8" in json.loads(out)[0]["skipped"]


def test_jsonl_reason_is_a_whole_phrase(capsys, tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "Officials said so."}\n{"text": "cut\n', encoding="utf-8")
    code, out = run_annotate(capsys, str(path))
    reasons = [r["skipped"] for r in json.loads(out) if r.get("skipped")]
    assert reasons == ["row 2: not valid JSON: Invalid control character at character 14"]


def test_cli_report_refusal_is_a_message(tmp_path, capsys):
    """A report folder that holds other files is refused with a message, not a traceback."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["report", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("media-workbook report: ") and "Traceback" not in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", ["profile", "compare"])
def test_column_option_wherever_a_table_is_read(tmp_path, command):
    """The hint of a table without a text column (--column text=NAME) works for every command."""
    table = tmp_path / "one.csv"
    table.write_text('id,body\nx,"Secondo Reuters, Mosca potrebbe inviare truppe."\n',
                     encoding="utf-8")
    if command == "profile":
        args = ["profile", str(table), "--out", str(tmp_path / "page.html")]
    else:
        args = ["compare", str(table), str(table), "--lang", "it"]
    assert main([*args, "--column", "text=body"]) == 0

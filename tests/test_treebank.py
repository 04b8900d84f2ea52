"""CoNLL-U to spaCy training documents: multiword tokens, heads, features (constructed text)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from spacy.vocab import Vocab

from analysis.treebank import conllu_to_docbin, read_conllu, sentences_to_doc

# Constructed sentences in the treebanks' format ("the news of the war reached him";
# "the country's army").
ITALIAN = """# sent_id = c-1
# text = La notizia della guerra, dirgli.
1	La	il	DET	RD	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det	_	_
2	notizia	notizia	NOUN	S	Gender=Fem|Number=Sing	0	root	_	_
3-4	della	_	_	_	_	_	_	_	_
3	di	di	ADP	E	_	5	case	_	_
4	la	il	DET	RD	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	5	det	_	_
5	guerra	guerra	NOUN	S	Gender=Fem|Number=Sing	2	nmod	_	SpaceAfter=No
6	,	,	PUNCT	FF	_	7	punct	_	_
7-8	dirgli	_	_	_	_	_	_	_	SpaceAfter=No
7	dir	dire	VERB	V	VerbForm=Inf	2	acl	_	_
8	gli	gli	PRON	PC	Clitic=Yes|Number=Sing|Person=3|PronType=Prs	7	iobj	_	_
8.1	x	x	X	_	_	_	_	_	_
9	.	.	PUNCT	FS	_	2	punct	_	_

"""
ENGLISH = """# sent_id = c-2
1-2	country's	_	_	_	_	_	_	_	_
1	country	country	NOUN	NN	Number=Sing	3	nmod:poss	_	_
2	's	's	PART	POS	_	1	case	_	_
3	army	army	NOUN	NN	Number=Sing	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_
"""


@pytest.fixture
def italian(tmp_path):
    path = tmp_path / "it.conllu"
    path.write_text(ITALIAN, encoding="utf-8")
    return path


def test_italian_multiword_tokens_are_merged_with_the_syntax_of_their_head_word(italian):
    (sentence,) = read_conllu(italian)
    doc = sentences_to_doc(Vocab(), [sentence], merge_multiword=True)
    assert doc.text == "La notizia della guerra, dirgli."
    della, dirgli = doc[2], doc[5]
    assert (della.text, della.lemma_, della.pos_, della.dep_, della.head.text) == (
        "della", "di", "ADP", "case", "guerra")
    # a preposition joined with an article takes the article's agreement
    assert della.morph.get("Gender") == ["Fem"] and della.morph.get("Number") == ["Sing"]
    # a verb with its clitic keeps the verb's features only, and the empty node is skipped
    assert (dirgli.text, dirgli.lemma_, dirgli.pos_, str(dirgli.morph)) == (
        "dirgli", "dire", "VERB", "VerbForm=Inf")
    assert doc[1].dep_ == "ROOT" and doc[6].head.i == 1


def test_english_keeps_the_words_of_a_multiword_token(tmp_path):
    path = tmp_path / "en.conllu"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = sentences_to_doc(Vocab(), list(read_conllu(path)), merge_multiword=False)
    assert [t.text for t in doc] == ["country", "'s", "army", "."]
    assert doc.text == "country's army."
    assert (doc[1].dep_, doc[1].head.text) == ("case", "country")


def test_sentences_are_grouped_into_documents(italian, tmp_path):
    twice = tmp_path / "twice.conllu"
    twice.write_text(ITALIAN * 3, encoding="utf-8")
    docs = list(conllu_to_docbin([twice], merge_multiword=True, sentences_per_doc=2)
                .get_docs(Vocab()))
    assert [len(list(doc.sents)) for doc in docs] == [2, 1]


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.conllu"
    path.write_text("# sent_id = x\n1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.conllu:2: expected 10 tab-separated columns"):
        list(read_conllu(path))


def test_training_files_name_what_is_missing_and_report_what_is_left_out(tmp_path, capsys):
    prepare = _script("prepare")
    split = prepare.Split(False, ("A/a-train.conllu",), ("B/b-train.conllu", "C/c.conllu"),
                          "A/a-dev.conllu", 0.0, "A/a-test.conllu", "A/a-news.conllu")
    with pytest.raises(SystemExit, match="A/a-train.conllu"):
        prepare.training_files(tmp_path, split)
    for name in ("A/a-train.conllu", "B/b-train.conllu"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert prepare.training_files(tmp_path, split) == ["A/a-train.conllu", "B/b-train.conllu"]
    assert "C/c.conllu: not there, left out of training" in capsys.readouterr().out


def _script(name: str):
    """A script of ``training/`` loaded as a module (they are not part of the package)."""
    path = Path(__file__).parent.parent / "training" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _git_repo(folder: Path, files: dict[str, str]) -> str:
    """A git repository holding ``files``; returns its one commit."""
    import subprocess

    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    run = {"cwd": folder, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   **run)
    return subprocess.run(["git", "rev-parse", "HEAD"], **run, text=True).stdout.strip()


def test_full_treebanks_joins_gum_documents_and_reports_the_absent_ones(tmp_path, capsys):
    full = _script("full_treebanks")
    shared = tmp_path / "shared"
    (shared / "UD_English-GUM").mkdir(parents=True)
    (shared / "UD_English-GUM" / "en_gum-ud-dev.conllu").write_text("# dev\n", encoding="utf-8")
    doc = "# newdoc id = {0}\n1\t{0}\t{0}\tNOUN\tNN\t_\t0\troot\t_\t_\n"
    gum = tmp_path / "gum"
    gum.mkdir()
    full.GUM_COMMIT = _git_repo(gum, {
        "not-to-release/file-lists/files.train": "GUM_a GUM_reddit_b GUM_c\n",
        "not-to-release/sources/GUM_a.conllu": doc.format("a"),
        "not-to-release/sources/GUM_c.conllu": doc.format("c"),
    })
    lines = tmp_path / "lines"
    lines.mkdir()
    full.LINES_COMMIT = _git_repo(lines, {name: f"# {name}\n" for name in full.LINES_FILES})
    out = tmp_path / "ud"
    full.main(shared, gum / ".git", lines / ".git", out)
    train = (out / "UD_English-GUM" / "en_gum-ud-train.conllu").read_text(encoding="utf-8")
    assert [s.words[1].form for s in read_conllu(out / "UD_English-GUM" /
                                                 "en_gum-ud-train.conllu")] == ["a", "c"]
    assert train.startswith("# newdoc id = a")
    printed = capsys.readouterr().out
    assert "2 of 3 training documents" in printed and "left out: GUM_reddit_b" in printed
    assert (out / "UD_English-GUM" / "en_gum-ud-dev.conllu").is_file()  # the shared files
    assert (out / "UD_English-LinES" / "en_lines-ud-train.conllu").is_file()


# A constructed sentence with a quotation in straight quotes, as the treebanks write it ("he
# said "yes" and left").
QUOTED = """# sent_id = q-1
# text = Disse "sì" e partì.
1	Disse	dire	VERB	V	_	0	root	_	_
2	"	"	PUNCT	FB	_	3	punct	_	SpaceAfter=No
3	sì	sì	INTJ	I	_	1	obj	_	SpaceAfter=No
4	"	"	PUNCT	FB	_	3	punct	_	_
5	e	e	CCONJ	CC	_	6	cc	_	_
6	partì	partire	VERB	V	_	1	conj	_	SpaceAfter=No
7	.	.	PUNCT	FS	_	1	punct	_	_
"""


def _quoted_example(folder: Path):
    import spacy
    from spacy.training import Example

    path = folder / "quoted.conllu"
    path.write_text(QUOTED, encoding="utf-8")
    nlp = spacy.blank("it")
    reference = sentences_to_doc(nlp.vocab, list(read_conllu(path)), merge_multiword=True)
    return nlp, Example(nlp.make_doc(reference.text), reference)


def test_quote_variants_pair_typographic_quotes_and_keep_the_annotation(tmp_path):
    augment = _script("augment")
    nlp, example = _quoted_example(tmp_path)
    seen = set()
    for seed in range(20):
        augment.random.seed(seed)
        variant = next(augment.quote_augmenter(nlp, example, level=1.0)).reference
        opening, closing = variant[1].text, variant[3].text
        seen.add((opening, closing))
        assert (opening, closing) in augment.QUOTE_PAIRS
        assert variant.text == f"Disse {opening}sì{closing} e partì."
        assert [(t.head.i, t.dep_, t.pos_) for t in variant] == \
            [(t.head.i, t.dep_, t.pos_) for t in example.reference]
        assert [t.lemma_ for t in variant] == ["dire", "", "sì", "", "e", "partire", "."]
    assert seen == set(augment.QUOTE_PAIRS)  # both pairs are drawn


def test_quote_variants_leave_the_other_documents_as_they_are(tmp_path):
    augment = _script("augment")
    nlp, example = _quoted_example(tmp_path)
    assert next(augment.quote_augmenter(nlp, example, level=0.0)) is example

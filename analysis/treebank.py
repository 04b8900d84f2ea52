"""Universal Dependencies treebanks (CoNLL-U) read into spaCy training documents.

The workbook's pipelines are trained here from the treebanks in ``../shared/corpora/ud``
(``make models``; see ``training/README.md``). This module turns CoNLL-U sentences into spaCy
``Doc`` objects carrying the gold parts of speech, morphology, lemmas and dependencies, and
writes them as a ``DocBin`` for ``spacy train``.

Multiword tokens. Italian UD splits an articulated preposition into two syntactic words
("della" = "di" + "la") and a verb with its clitics into several ("dirgli" = "dir" + "gli").
spaCy's Italian tokenizer keeps such a form whole, so the words are merged back into the token
as written (``merge_multiword=True``). spaCy's own converter (``spacy convert
--merge-subtokens``) joins the lemmas ("di il") and the tags of the parts; here the merged
token keeps the syntax of its first word, which is the head of the form in both cases: the
preposition (lemma "di", ADP, relation ``case``) or the verb (lemma "dire", VERB, its own
relation), with the article's gender and number added to a preposition's features. English UD
splits possessives ("country's" = "country" + "'s") as spaCy's English tokenizer does, so
English keeps the words (``merge_multiword=False``).

Empty nodes (ids such as ``8.1``, enhanced dependencies only) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab


@dataclass
class Word:
    """One syntactic word of a CoNLL-U sentence (1-based ``head``; 0 is the root)."""

    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str


@dataclass
class Token:
    """One token as written: its words (several for a multiword token) and the space after."""

    form: str
    words: list[int]  # 1-based ids of its words
    space_after: bool = True


@dataclass
class Sentence:
    """A CoNLL-U sentence: its id, its tokens as written, and its syntactic words."""

    sent_id: str
    tokens: list[Token] = field(default_factory=list)
    words: dict[int, Word] = field(default_factory=dict)


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Read the sentences of a CoNLL-U file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    iterator of Sentence

    Raises
    ------
    ValueError
        A line that is not a comment and has not ten tab-separated columns, naming the file
        and the line number.
    """
    path = Path(path)
    sentence = Sentence(sent_id="")
    covered: set[int] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\n")
            if not line:
                if sentence.words:
                    yield sentence
                sentence, covered = Sentence(sent_id=""), set()
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sentence.sent_id = line.split("=", 1)[1].strip()
                continue
            columns = line.split("\t")
            if len(columns) != 10:
                raise ValueError(f"{path}:{number}: expected 10 tab-separated columns, "
                                 f"found {len(columns)}")
            ident, form, lemma, upos, _, feats, head, deprel, _, misc = columns
            if "." in ident:  # an empty node of the enhanced graph
                continue
            if "-" in ident:  # a multiword token and the range of its words
                first, last = (int(part) for part in ident.split("-"))
                sentence.tokens.append(Token(form, list(range(first, last + 1)),
                                             _space_after(misc)))
                covered.update(range(first, last + 1))
                continue
            index = int(ident)
            sentence.words[index] = Word(form, lemma, upos, "" if feats == "_" else feats,
                                         int(head), deprel)
            if index not in covered:
                sentence.tokens.append(Token(form, [index], _space_after(misc)))
    if sentence.words:
        yield sentence


def _merged_features(words: list[Word]) -> str:
    """The features of a merged token: its first word's, and for a preposition joined with an
    article the article's too (the written form agrees with the noun)."""
    features = dict(part.split("=", 1) for part in words[0].feats.split("|") if part)
    if words[0].upos == "ADP":
        for word in words[1:]:
            for part in filter(None, word.feats.split("|")):
                name, value = part.split("=", 1)
                features.setdefault(name, value)
    return "|".join(f"{name}={features[name]}" for name in sorted(features))


def sentence_tokens(sentence: Sentence, *, merge_multiword: bool
                    ) -> list[tuple[str, bool, Word, int, str]]:
    """The tokens of a sentence with their gold annotation: (form, space after, word whose
    syntax the token takes, head as a 0-based index into the tokens or -1 for the root,
    morphological features).

    With ``merge_multiword`` a multiword token is one token taking the syntax of its first word
    whose head lies outside the token; otherwise each syntactic word is a token (the words of a
    multiword token written without spaces between them).
    """
    units: list[tuple[str, bool, list[int]]] = []
    for token in sentence.tokens:
        if merge_multiword or len(token.words) == 1:
            units.append((token.form, token.space_after, token.words))
        else:
            for position, index in enumerate(token.words):
                last = position == len(token.words) - 1
                units.append((sentence.words[index].form, token.space_after and last, [index]))
    unit_of = {index: position for position, (_, _, ids) in enumerate(units) for index in ids}
    rows = []
    for form, space, ids in units:
        inside = set(ids)
        words = [sentence.words[index] for index in ids]
        governor = next((word for word in words if word.head not in inside), words[0])
        head = unit_of[governor.head] if governor.head else -1
        rows.append((form, space, governor, head, _merged_features(words) if len(words) > 1
                     else words[0].feats))
    return rows


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence], *, merge_multiword: bool) -> Doc:
    """One ``Doc`` of consecutive sentences with their gold annotation."""
    words, spaces, lemmas, pos, morphs, heads, deps, starts = ([] for _ in range(8))
    for sentence in sentences:
        offset = len(words)
        for position, (form, space, word, head, feats) in enumerate(
                sentence_tokens(sentence, merge_multiword=merge_multiword)):
            words.append(form)
            spaces.append(space)
            lemmas.append(word.lemma)
            pos.append(word.upos)
            morphs.append(feats)
            heads.append(offset + position if head < 0 else offset + head)
            deps.append("ROOT" if head < 0 else word.deprel)
            starts.append(position == 0)
    if spaces:
        spaces[-1] = False  # no space after the document's last token
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, morphs=morphs,
               heads=heads, deps=deps, sent_starts=starts)


def conllu_to_docbin(paths: Iterable[str | Path], *, merge_multiword: bool,
                     sentences_per_doc: int = 10) -> DocBin:
    """Read CoNLL-U files into a ``DocBin`` of training documents.

    Parameters
    ----------
    paths : iterable of str or Path
        CoNLL-U files, read in order.
    merge_multiword : bool
        Merge multiword tokens into the token as written (Italian), or keep the words (English).
    sentences_per_doc : int
        Consecutive sentences grouped into one document (so the parser also sees sentence
        boundaries inside a document).

    Returns
    -------
    spacy.tokens.DocBin
    """
    vocab = Vocab()
    docs = DocBin(store_user_data=False)
    batch: list[Sentence] = []
    for path in paths:
        for sentence in read_conllu(path):
            batch.append(sentence)
            if len(batch) == sentences_per_doc:
                docs.add(sentences_to_doc(vocab, batch, merge_multiword=merge_multiword))
                batch = []
        if batch:
            docs.add(sentences_to_doc(vocab, batch, merge_multiword=merge_multiword))
            batch = []
    return docs

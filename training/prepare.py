"""Convert the UD treebanks into spaCy training, development and test sets (``make models``).

The honest split of ``../shared/corpora/ud/README.md``: UD_Italian-ISDT test and UD_English-EWT
test are held out and only ever evaluated on.

Licences decide what trains. A trained pipeline is shipped, so it may learn only from treebanks
whose licences can all be honoured at once by the pipeline's own licence. The NonCommercial-
ShareAlike treebanks (ISDT, VIT, ParTUT, GUM: CC BY-NC-SA 3.0 and 4.0; version 3.0 allows
adaptations under a later version with the same elements) can: both pipelines are CC BY-NC-SA
4.0. The ShareAlike treebanks without NonCommercial (PUD: CC BY-SA 3.0; EWT: CC BY-SA 4.0) would
require the pipeline to be CC BY-SA, which the NC treebanks forbid, so they are never trained on:
EWT dev is the English development set, and the PUD files are a second test set (news and
Wikipedia sentences). ISDT dev is NC-SA and the only Italian treebank in the test set's own
annotation style: its first two thirds train, its last third is the development set that picks
the best checkpoint.

Usage: python training/prepare.py UD_FOLDER OUT_FOLDER
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from analysis.treebank import Sentence, read_conllu, sentences_to_doc


@dataclass(frozen=True)
class Split:
    """The treebank files of one language's pipeline (paths under the UD folder)."""

    merge_multiword: bool
    train: tuple[str, ...]
    optional: tuple[str, ...]  # more training files, used when the UD folder has them
    dev: str
    dev_share_in_training: float  # the first part of ``dev`` that trains
    test: str
    news_test: str  # a second held-out test (PUD: news and Wikipedia)


SPLITS = {
    "it": Split(True,
                ("UD_Italian-ParTUT/it_partut-ud-train.conllu",
                 "UD_Italian-ParTUT/it_partut-ud-dev.conllu",
                 "UD_Italian-ParTUT/it_partut-ud-test.conllu",
                 "UD_Italian-VIT/it_vit-ud-dev.conllu", "UD_Italian-VIT/it_vit-ud-test.conllu"),
                (), "UD_Italian-ISDT/it_isdt-ud-dev.conllu", 2 / 3,
                "UD_Italian-ISDT/it_isdt-ud-test.conllu", "UD_Italian-PUD/it_pud-ud-test.conllu"),
    "en": Split(False,
                ("UD_English-GUM/en_gum-ud-dev.conllu", "UD_English-GUM/en_gum-ud-test.conllu",
                 "UD_English-ParTUT/en_partut-ud-train.conllu",
                 "UD_English-ParTUT/en_partut-ud-dev.conllu",
                 "UD_English-ParTUT/en_partut-ud-test.conllu"),
                # training/full_treebanks.py adds these (make models UD=build/ud)
                ("UD_English-GUM/en_gum-ud-train.conllu",
                 "UD_English-LinES/en_lines-ud-train.conllu",
                 "UD_English-LinES/en_lines-ud-dev.conllu",
                 "UD_English-LinES/en_lines-ud-test.conllu"),
                "UD_English-EWT/en_ewt-ud-dev.conllu", 0.0,
                "UD_English-EWT/en_ewt-ud-test.conllu", "UD_English-PUD/en_pud-ud-test.conllu"),
}
SENTENCES_PER_DOC = 10


def _write(sentences: list[Sentence], path: Path, merge: bool) -> int:
    vocab, docs = Vocab(), DocBin(store_user_data=False)
    for start in range(0, len(sentences), SENTENCES_PER_DOC):
        docs.add(sentences_to_doc(vocab, sentences[start:start + SENTENCES_PER_DOC],
                                  merge_multiword=merge))
    docs.to_disk(path)
    return sum(len(doc) for doc in docs.get_docs(vocab))


def training_files(ud: Path, split: Split) -> list[str]:
    """The split's training files found under ``ud``: every required one (a missing one is an
    error) and the optional ones present, each optional one left out reported."""
    missing = [name for name in split.train if not (ud / name).is_file()]
    if missing:
        raise SystemExit(f"{ud}: required treebank files are missing: {', '.join(missing)}")
    for name in split.optional:
        if not (ud / name).is_file():
            print(f"{ud / name}: not there, left out of training (training/full_treebanks.py "
                  "adds it)")
    return [*split.train, *(name for name in split.optional if (ud / name).is_file())]


def main(ud: Path, out: Path) -> None:
    for lang, split in SPLITS.items():
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        train = training_files(ud, split)
        trains_on_dev = [split.dev] if split.dev_share_in_training else []
        treebanks = sorted({name.split("/")[0] for name in [*train, *trains_on_dev]})
        (folder / "treebanks.json").write_text(json.dumps(treebanks) + "\n", encoding="utf-8")
        dev = list(read_conllu(ud / split.dev))
        cut = round(len(dev) * split.dev_share_in_training)
        parts = {
            "train": [s for name in train for s in read_conllu(ud / name)] + dev[:cut],
            "dev": dev[cut:],
            "test": list(read_conllu(ud / split.test)),
            "news_test": list(read_conllu(ud / split.news_test)),
        }
        for name, sentences in parts.items():
            tokens = _write(sentences, folder / f"{name}.spacy", split.merge_multiword)
            print(f"{lang} {name}: {len(sentences)} sentences, {tokens} tokens")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

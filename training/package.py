"""Copy a trained pipeline into ``models/`` with its licence, sources and scores (``make models``).

Usage: python training/package.py LANG TRAINED_FOLDER EVALUATION_JSON CONFIG_NAME CORPUS_FOLDER

``CORPUS_FOLDER/treebanks.json`` (written by ``prepare.py``) names the treebanks trained on.

Writes ``models/<lang>_media_workbook``: the pipeline (``meta.json`` names it, its licence, the
treebanks it learned from and its held-out scores), ``LICENSE`` and ``README.md``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from prepare import SPLITS

from analysis.paths import MODELS_DIR

LICENSE = "CC BY-NC-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/"
#: Treebank folder -> (licence, citation) of every treebank a pipeline may learn from.
TREEBANKS = {
    "UD_Italian-ISDT": ("CC BY-NC-SA 3.0", "Bosco, C., Montemagni, S., & Simi, M. (2013). "
                        "Converting Italian Treebanks: Towards an Italian Stanford Dependency "
                        "Treebank. LAW VII & ID."),
    "UD_Italian-VIT": ("CC BY-NC-SA 3.0", "Delmonte, R., Bristot, A., & Tonelli, S. (2007). VIT "
                       "- Venice Italian Treebank. TLT 6."),
    "UD_Italian-ParTUT": ("CC BY-NC-SA 4.0", "Sanguinetti, M., & Bosco, C. (2015). PartTUT: The "
                          "Turin University Parallel Treebank. Harmonization and Development of "
                          "Resources and Tools for Italian NLP."),
    "UD_English-GUM": ("CC BY-NC-SA 4.0", "Zeldes, A. (2017). The GUM Corpus: Creating "
                       "Multilayer Resources in the Classroom. Language Resources and "
                       "Evaluation 51(3), 581-612."),
    "UD_English-ParTUT": ("CC BY-NC-SA 4.0", "Sanguinetti, M., & Bosco, C. (2015). PartTUT: The "
                          "Turin University Parallel Treebank."),
    "UD_English-LinES": ("CC BY-NC-SA 4.0", "Ahrenberg, L. (2007). LinES: An English-Swedish "
                         "Parallel Treebank. NODALIDA 2007."),
}
UD = "Universal Dependencies 2.x (https://universaldependencies.org), de Marneffe, M.-C. et al. " \
     "(2021). Universal Dependencies. Computational Linguistics 47(2), 255-308."


def main(lang: str, trained: Path, evaluation: Path, config: str, corpus: Path) -> None:
    target = MODELS_DIR / f"{lang}_media_workbook"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(trained, target)
    scores = json.loads(evaluation.read_text(encoding="utf-8"))
    treebanks = json.loads((corpus / "treebanks.json").read_text(encoding="utf-8"))
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="media_workbook", version="1.0.0", license=LICENSE,
        description=f"The media analysis workbook's {lang} pipeline ({config} config): parts "
                    "of speech, morphology, lemmas and dependencies, trained on Universal "
                    "Dependencies treebanks. No word vectors.",
        author="The media analysis workbook team",
        sources=[{"name": name, "license": TREEBANKS[name][0], "citation": TREEBANKS[name][1]}
                 for name in treebanks],
        performance_held_out=scores,
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    sources = "\n".join(f"- {name} ({TREEBANKS[name][0]}): {TREEBANKS[name][1]}"
                        for name in treebanks)
    (target / "LICENSE").write_text(
        f"This trained pipeline is licensed under {LICENSE} ({LICENSE_URL}).\n\n"
        "It was trained on the following Universal Dependencies treebanks, whose NonCommercial-"
        "ShareAlike licences it inherits (CC BY-NC-SA 3.0 material is adapted under the later "
        "version 4.0 with the same licence elements, as its section 4(b) allows):\n\n"
        f"{sources}\n\n{UD}\n\n"
        "Use it for non-commercial purposes only, credit the treebanks above, and share "
        "anything derived from it under the same licence. The workbook's code is under the "
        "project's MIT licence; this folder is not.\n", encoding="utf-8")
    test = scores["test"]["rules"]
    rows = "\n".join(f"| {key} | {value:.3f} |" for key, value in test.items()
                     if value is not None)
    (target / "README.md").write_text(
        f"# {lang}_media_workbook\n\nThe workbook's {lang} spaCy pipeline (`{config}` config in "
        "`training/configs/`), made by `make models`; see `models/README.md`.\n\n"
        f"Licence: {LICENSE} (see `LICENSE`). Trained on: {', '.join(treebanks)}.\n\n"
        f"Held-out test ({SPLITS[lang].test}), with the workbook's sentencizer:\n\n"
        f"| score | value |\n|---|---|\n{rows}\n", encoding="utf-8")
    print(f"{target}: {sum(f.stat().st_size for f in target.rglob('*') if f.is_file())} bytes")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5]))

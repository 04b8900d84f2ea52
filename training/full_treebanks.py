"""Assemble a UD folder with the training files the shared one lacks (``make models UD=...``).

The shared UD folder holds only the files small enough to be copied there: GUM's and EWT's
training files are missing, so the English pipeline learned from GUM's dev and test alone. Two
more NonCommercial-ShareAlike sources can be brought from the treebanks' public repositories:

- UD_English-GUM keeps every document as its own CoNLL-U file under
  ``not-to-release/sources/`` and lists the training documents in
  ``not-to-release/file-lists/files.train``: joined in that order they are GUM's training file
  (CC BY-NC-SA 4.0, the licence of the rest of GUM). The Reddit documents are not in the
  repository (their text must be restored from Reddit), so they are left out, and reported.
- UD_English-LinES (CC BY-NC-SA 4.0: fiction, non-fiction, spoken) has its train, dev and test
  files in the repository.

This script copies the shared folder and adds those files, read from local git clones (or the
search tool's mirrors) at the commits below, so that ``make models UD=build/ud`` trains on them.
Nothing here reaches the network, and nothing is written into the project.

Usage: python training/full_treebanks.py SHARED_UD GUM_GIT_DIR LINES_GIT_DIR OUT_FOLDER
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

GUM_COMMIT = "afb41ee9bca57991125814fa04d96a0e61470c8b"  # the commit of the shared GUM files
LINES_COMMIT = "30927439b9d383d21d0c86e647ba493cd89adf8c"
LINES_FILES = ("en_lines-ud-train.conllu", "en_lines-ud-dev.conllu", "en_lines-ud-test.conllu",
               "LICENSE.txt", "README.txt")


def _git(git_dir: Path, *args: str) -> str:
    result = subprocess.run(["git", "--git-dir", str(git_dir), *args],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"{git_dir}: git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def _show(git_dir: Path, commit: str, path: str) -> str:
    return _git(git_dir, "show", f"{commit}:{path}")


def main(shared: Path, gum: Path, lines: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(shared, out)
    names = _show(gum, GUM_COMMIT, "not-to-release/file-lists/files.train").split()
    stored = set(_git(gum, "ls-tree", "--name-only", GUM_COMMIT,
                      "not-to-release/sources/").split())
    absent = [name for name in names if f"not-to-release/sources/{name}.conllu" not in stored]
    documents = [_show(gum, GUM_COMMIT, f"not-to-release/sources/{name}.conllu").rstrip("\n")
                 for name in names if name not in absent]
    train = out / "UD_English-GUM" / "en_gum-ud-train.conllu"
    train.write_text("\n\n".join(documents) + "\n\n", encoding="utf-8")
    print(f"{train}: {len(documents)} of {len(names)} training documents; not in the "
          f"repository, left out: {', '.join(absent) or 'none'}")
    folder = out / "UD_English-LinES"
    folder.mkdir()
    for name in LINES_FILES:
        (folder / name).write_text(_show(lines, LINES_COMMIT, name), encoding="utf-8")
    print(f"{folder}: {', '.join(LINES_FILES)}")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:5]))

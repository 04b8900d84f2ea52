"""Where the project's own files are (the package is installed editable from the repo)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = PROJECT_ROOT / "seeds"
SEED_PATH = SEED_DIR / "000_18b1df74ba5e3f05.txt"
ANNOTATIONS_DIR = PROJECT_ROOT / "data" / "annotations"
#: The shared research corpora, when this checkout sits beside them (never copied in).
SHARED_CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"
MODELS_DIR = PROJECT_ROOT / "models"

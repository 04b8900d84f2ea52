"""The media analysis workbook: how news is framed, sourced and hedged (Italian and English).

The package only re-exports; each concept lives in its own module::

    corpus -> nlp -> detectors (hedging, sourcing, framing, timeline) -> vocabulary -> topics
           -> display -> report
"""

from .corpus import Article, Corpus, Skipped, load_article, load_corpus, load_html, load_table
from .display import barh, colors_for, highlight, legend, use_style
from .errors import CorpusError
from .evaluation import Scores, scores_table, span_scores
from .language import SUPPORTED_LANGUAGES, detect_language
from .lexicon import load_lexicon
from .nlp import ParsedArticle, content_terms, get_nlp, parse
from .paths import PROJECT_ROOT, SEED_DIR, SEED_PATH
from .pipeline import analyse

# capability modules add their re-exports below, one line each

__all__ = [name for name in dir() if not name.startswith("_")]

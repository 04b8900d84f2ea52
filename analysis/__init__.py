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
from .vocabulary import TermWeights, TextUnit, keyness, log_likelihood, log_ratio, text_units
from .topics import KChoice, TopicModel, coherence, npmi, pick_k
from .display import coherence_by_k, keyness_bars, term_grid, topic_heatmap

__all__ = [name for name in dir() if not name.startswith("_")]

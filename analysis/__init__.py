"""The media analysis workbook: how news is framed, sourced and hedged (Italian and English).

The package only re-exports; each concept lives in its own module::

    corpus -> nlp -> detectors (hedging, sourcing, framing, timeline) -> vocabulary -> topics
           -> display -> profile, report; scale and streaming for large corpora
"""

from .compare import (
    CHANGE_TYPES,
    AlignedPair,
    Change,
    Comparison,
    closest_article,
    compare,
    compare_parallel,
    monotone_alignment,
    side_by_side,
    similarity_matrix,
)
from .corpus import Article, Corpus, Skipped, load_article, load_corpus, load_html, load_table
from .display import (
    article_html,
    barh,
    coherence_by_k,
    colors_for,
    dependency_view,
    highlight,
    keyness_bars,
    legend,
    render_displacy,
    term_grid,
    topic_heatmap,
    use_style,
)
from .errors import CorpusError
from .evaluation import Scores, scores_table, span_scores
from .exercises import agreement_table, check_answer
from .framing import (
    FrameClassifier,
    FrameCue,
    compare_profiles,
    find_frame_cues,
    frame_lexicon,
    frame_profile,
    frame_scores,
    frame_table,
    lexicon_precision,
    read_labelled,
    read_semeval,
)
from .hedging import CATEGORIES as HEDGE_CATEGORIES
from .hedging import CATEGORY_COLORS as HEDGE_COLORS
from .hedging import CATEGORY_LABELS as HEDGE_LABELS
from .hedging import (
    Hedge,
    certainty_frame,
    corpus_hedging,
    find_hedges,
    headline_body_hedging,
    hedge_frame,
    hedging_profile,
    plot_certainty,
    sentence_certainty,
)
from .language import SUPPORTED_LANGUAGES, detect_language
from .lexicon import load_lexicon
from .nlp import ParsedArticle, content_terms, get_nlp, parse, pipeline_scores
from .numbers import human, human_figures, human_table
from .paths import PROJECT_ROOT, SEED_DIR, SEED_PATH
from .pipeline import analyse, analyse_many
from .profile import Profile, article_profile, profile_html, render_profile, write_profiles
from .sourcing import (
    SOURCE_TYPES,
    Attribution,
    Quote,
    SourcingProfile,
    analyse_sourcing,
    attribution_frame,
    claim_ledger,
    claim_scope,
    corpus_sourcing,
    find_attributions,
    find_quotes,
    sourcing_profile,
    sourcing_records,
)
from .timeline import (
    TIME_COLORS,
    TimeExpression,
    find_times,
    plot_timeline,
    time_frame,
    time_records,
    time_spans,
)
from .topics import KChoice, TopicModel, coherence, npmi, pick_k
from .validation import (
    bootstrap_interval,
    category_confusion,
    choose_article,
    compare_spans,
    error_table,
    evidence_row,
    frame_cross_validation,
    frequent_errors,
    group_intervals,
    is_seed,
    judged_attributions,
    judged_hedges,
    last_judged_round,
    read_szeged,
    seed_attribution_gold,
    seed_hedge_gold,
    seed_time_gold,
    type_accuracy,
    validate_seed_hedges,
    validate_seed_sourcing,
    validate_seed_times,
    validate_szeged,
)
from .vocabulary import TermWeights, TextUnit, keyness, log_likelihood, log_ratio, text_units

__all__ = [name for name in dir() if not name.startswith("_")]

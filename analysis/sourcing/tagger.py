"""A learned attribution tagger: a CRF that marks source and cue spans token by token.

The rule-based extractor of :mod:`analysis.sourcing` finds the cues of its lexicon and walks
from them to a source phrase. PolNeAR (Newell, Margolin and Ruths 2018) annotates many cues
beyond the lexicon ("mocked", "don't like", nouns such as "criticism", multi-word cues), which
rules miss. This module learns the annotation instead: a linear-chain conditional random field
(Lafferty, McCallum and Pereira 2001; CRFsuite, Okazaki 2007, through sklearn-crfsuite) tags
each sentence's tokens with BIO labels for ``SOURCE`` and ``CUE``. Its features are declarative
(:data:`TOKEN_FEATURES`, :data:`WINDOW_FEATURES`): word forms, lemmas, shapes, affixes, the
project's lexicons (reporting verbs, source nouns, pronouns), the distance to the nearest
reporting verb, whether the token (and its sentence) holds a quotation, its position in the
sentence, the dependency parse (part of speech, relation, the head's lemma and relation, and the
relation by which the token's branch hangs from the nearest reporting verb above it), a window
of two tokens each side (word forms three), and (stacked) the rule extractor's own output.

The parse features were measured on a held-out slice of PolNeAR train (every fifth article,
trained on the rest): sources F1 0.746 -> 0.752 by overlap and 0.668 -> 0.675 exact, cues 0.747
-> 0.743 and 0.648 -> 0.649; a small gain on sources, none on cues.

How far can a tagger go? On the 16 PolNeAR train articles annotated twice, the second
annotator matches the first with F1 0.85 (sources) and 0.83 (cues) by overlap, 0.78 and 0.71
by exact match: the corpus's own agreement bounds what any tagger can score against one
annotator.

PolNeAR has no licence: a tagger trained on it is built on the user's machine from the corpus
read in place (:func:`polnear_tagger`, cached under ``$XDG_CACHE_HOME/media-workbook/``) and is
never shipped with the project.

References
----------
Lafferty, J., McCallum, A. and Pereira, F. (2001). Conditional Random Fields: Probabilistic
Models for Segmenting and Labeling Sequence Data. ICML 2001.
Okazaki, N. (2007). CRFsuite: a fast implementation of Conditional Random Fields.
https://www.chokkan.org/software/crfsuite/
Newell, E., Margolin, D. and Ruths, D. (2018). An Attribution Relations Corpus for Political
News. LREC 2018.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from .. import sourcing
from ..errors import check_choice
from ..lexicon import load_lexicon, reporting_verbs
from ..nlp import ParsedArticle, normalise_apostrophes
from ..paths import ANNOTATIONS_DIR, MODELS_DIR, PROJECT_ROOT, SHARED_CORPORA

#: Bump when the features change: a cached tagger of another version is retrained.
FEATURE_VERSION = 4
#: The span labels (BIO-encoded: ``B-SOURCE``, ``I-SOURCE``, ``B-CUE``, ``I-CUE``, ``O``).
LABELS = ("SOURCE", "CUE")
#: CRF settings chosen on a held-out slice of PolNeAR train (every fifth article): L-BFGS
#: (100 iterations, c1 = c2 = 0.05) reached F1 0.722 on sources by overlap in 198 s, the
#: passive-aggressive algorithm 0.748 in 38 s (10 epochs; 20 epochs and c = 0.3 no better).
DEFAULT_PARAMS: dict[str, Any] = {"algorithm": "pa", "max_iterations": 10}
ALGORITHMS = ("pa", "ap", "lbfgs", "l2sgd", "arow")
POLNEAR = SHARED_CORPORA / "polnear"



# --- lexicon look-ups (language data from analysis/lexicons) ----------------------------------


@cache
def _verb_lexicon(lang: str) -> tuple[dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]]:
    """Reporting verbs: one-word lemma -> category, and multi-word cues by first word."""
    table = load_lexicon(f"reporting_verbs_{lang}")
    words, phrases = {}, {}
    for row in table.itertuples():
        parts = tuple(row.pattern.split())
        if len(parts) == 1:
            words[parts[0]] = row.category
        else:
            phrases.setdefault(parts[0], []).append((parts, row.category))
    return words, phrases


def _norm(token: Token) -> str:
    return normalise_apostrophes(token.lower_)


@lru_cache(maxsize=65536)
def _shape(text: str) -> str:
    """Collapsed word shape: "Clinton" -> "Xx", "U.S." -> "X.X.", "2016" -> "d"."""
    shape = re.sub("[A-Z]", "X", re.sub("[a-z]", "x", re.sub("[0-9]", "d", text)))
    return re.sub(r"(.)\1+", r"\1", shape)


def _lexicon_marks(tokens: Sequence[Token], lang: str) -> tuple[list[str], list[str]]:
    """Per token: the reporting-lexicon category ("B-speech", "I-preposition", ...) and the
    source-noun category ("organisation", ...), "" where none applies."""
    words, phrases = _verb_lexicon(lang)
    nouns = sourcing.source_nouns(lang)
    lemmas = [t.lemma_ for t in tokens]
    lowers = [_norm(t) for t in tokens]
    verbs = [""] * len(tokens)
    kinds = [""] * len(tokens)
    for i in range(len(tokens)):
        category = words.get(lemmas[i]) or words.get(lowers[i])
        if category:
            verbs[i] = "B-" + category
        for parts, category in phrases.get(lemmas[i], []) + phrases.get(lowers[i], []):
            rest = lowers[i + 1 : i + len(parts)]
            if tuple(rest) == parts[1:]:
                for k in range(i, i + len(parts)):
                    verbs[k] = ("B-" if k == i else "I-") + category
        for length in (2, 1):
            window = tokens[i : i + length]
            if len(window) == length:
                for key in (tuple(t.text for t in window), tuple(lemmas[i : i + length]),
                            tuple(lowers[i : i + length])):
                    if key in nouns:
                        kinds[i] = kinds[i] or nouns[key]
    return verbs, kinds


# --- features ---------------------------------------------------------------------------------

#: Features of a token on its own (name -> function of the token and its lexicon marks).
TOKEN_FEATURES: dict[str, Callable[[Token, dict[str, str]], object]] = {
    "lower": lambda t, m: _norm(t),
    "lemma": lambda t, m: t.lemma_,
    "shape": lambda t, m: _shape(t.text),
    "prefix3": lambda t, m: _norm(t)[:3],
    "suffix2": lambda t, m: _norm(t)[-2:],
    "suffix3": lambda t, m: _norm(t)[-3:],
    "title": lambda t, m: t.is_title,
    "upper": lambda t, m: t.is_upper,
    "digit": lambda t, m: t.like_num,
    "punct": lambda t, m: t.is_punct,
    "stop": lambda t, m: t.is_stop,
    "verb": lambda t, m: m["verb"],
    "noun": lambda t, m: m["noun"],
    "pronoun": lambda t, m: m["pronoun"],
    "quote": lambda t, m: m["quote"],
    "rule": lambda t, m: m["rule"],
    # from the dependency parse: the token's part of speech and relation, its head's lemma and
    # relation, and how it hangs from the nearest reporting verb above it
    "pos": lambda t, m: t.pos_,
    "dep": lambda t, m: t.dep_,
    "head_lemma": lambda t, m: t.head.lemma_.lower(),
    "head_dep": lambda t, m: t.head.dep_,
    "to_verb": lambda t, m: m["to_verb"],
}
#: Features copied from the tokens up to two places either side (prefixed "-2:" ... "+2:").
WINDOW_FEATURES = ("lower", "lemma", "shape", "title", "punct", "verb", "noun", "pronoun",
                   "quote", "rule", "pos", "dep")
#: Features copied from the next neighbours only (one place either side).
NEAR_FEATURES = ("suffix3", "stop")
#: Word forms copied from three places either side.
FAR_FEATURES = ("lower",)
#: Features left out of a tagger built with ``rules=False``.
RULE_FEATURES = ("rule",)
WINDOW = 2


#: How far up the tree :func:`_path_to_verb` looks for a reporting verb.
MAX_PATH = 4


def _path_to_verb(token: Token, reporting: frozenset[str]) -> str:
    """The relation by which a token's branch hangs from the nearest reporting verb above it
    ("nsubj" for a word of the subject, "ccomp" for one of the content), "self" for the verb,
    "none" when no reporting verb is within :data:`MAX_PATH` steps."""
    if token.lemma_ in reporting and token.pos_ in ("VERB", "AUX"):
        return "self"
    child = token
    for _ in range(MAX_PATH):
        head = child.head
        if head is child:
            return "none"
        if head.lemma_ in reporting and head.pos_ in ("VERB", "AUX"):
            return child.dep_
        child = head
    return "none"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7+"


def _rule_marks(parsed: ParsedArticle) -> dict[int, str]:
    """The rule extractor's spans as token marks (token index -> "B-SOURCE", "I-CUE", ...)."""
    attributions, _ = sourcing.analyse_sourcing(parsed)
    spans = [(a.source.start, a.source.end, "SOURCE") for a in attributions if a.source]
    spans += [(a.cue.start, a.cue.end, "CUE") for a in attributions]
    marks: dict[int, str] = {}
    for start, end, label in spans:
        span = parsed.doc.char_span(start, end, alignment_mode="expand")
        for k, token in enumerate(span or ()):
            marks.setdefault(token.i, ("B-" if k == 0 else "I-") + label)
    return marks


def _sequences(parsed: ParsedArticle) -> list[list[Token]]:
    """The tokens of each sentence, white space left out (one CRF sequence per sentence)."""
    return [[t for t in sent if not t.is_space] for sent in parsed.sentences]


def _copied(offset: int, rules: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The features copied from the token ``offset`` places away, and their prefixed names."""
    names = FAR_FEATURES if abs(offset) > WINDOW else WINDOW_FEATURES + (
        NEAR_FEATURES if abs(offset) == 1 else ())
    names = tuple(n for n in names if rules or n not in RULE_FEATURES)
    return names, tuple(f"{offset:+d}:{n}" for n in names)


OFFSETS = tuple(o for o in range(-WINDOW - 1, WINDOW + 2) if o != 0)


def _article_features(parsed: ParsedArticle, rules: bool) -> list[list[dict[str, object]]]:
    """Feature dicts of each token of each sentence (:func:`_sequences`)."""
    lang = parsed.article.language
    pronouns = sourcing.PRONOUNS.get(lang, {})
    quoted = set()
    for quote in sourcing.find_quotes(parsed):
        span = parsed.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        quoted.update(range(span.start, span.end) if span is not None else ())
    marks = _rule_marks(parsed) if rules else {}
    reporting = reporting_verbs(lang)
    names = [n for n in TOKEN_FEATURES if rules or n not in RULE_FEATURES]
    copied = {offset: _copied(offset, rules) for offset in OFFSETS}
    features = []
    for tokens in _sequences(parsed):
        verbs, nouns = _lexicon_marks(tokens, lang)
        base = []
        for i, token in enumerate(tokens):
            context = {"verb": verbs[i], "noun": nouns[i], "quote": token.i in quoted,
                       "pronoun": pronouns.get(_norm(token), ""),
                       "rule": marks.get(token.i, "O"),
                       "to_verb": _path_to_verb(token, reporting)}
            base.append({n: TOKEN_FEATURES[n](token, context) for n in names})
        cue_positions = [i for i, v in enumerate(verbs) if v.startswith("B-")]
        has_quote = any(t.i in quoted for t in tokens)
        sentence = []
        for i, own in enumerate(base):
            row: dict[str, object] = {"bias": 1.0, **own,
                                      "position": _bucket(i), "from_end": _bucket(len(base) - i)}
            left = [i - k for k in cue_positions if k < i]
            right = [k - i for k in cue_positions if k > i]
            row["cue_left"] = _bucket(min(left)) if left else "none"
            row["cue_right"] = _bucket(min(right)) if right else "none"
            row["sentence_quote"] = has_quote
            for offset, (copy, keys) in copied.items():
                j = i + offset
                if 0 <= j < len(base):
                    neighbour = base[j]
                    row.update(zip(keys, [neighbour[n] for n in copy]))
                else:
                    row[f"{offset:+d}:edge"] = True
            if i > 0:
                row["-1|0:lower"] = f"{base[i - 1]['lower']}|{own['lower']}"
            if i + 1 < len(base):
                row["0|+1:lower"] = f"{own['lower']}|{base[i + 1]['lower']}"
            sentence.append(row)
        features.append(sentence)
    return features


# --- labels and spans -------------------------------------------------------------------------


def bio_labels(parsed: ParsedArticle, sources: Iterable[tuple[int, int]],
               cues: Iterable[tuple[int, int]]) -> tuple[list[list[str]], dict[str, int]]:
    """Project gold character spans onto the tokens of each sentence as BIO labels.

    Parameters
    ----------
    parsed : ParsedArticle
    sources, cues : iterable of (start, end)
        Character offsets into ``parsed.article.text`` (a discontinuous brat span is taken
        from its first to its last character, as :func:`sourcing.read_brat_attributions` does).

    Returns
    -------
    labels : list of list of str
        One label per token of each sentence (white space left out).
    counts : dict
        ``spans`` (distinct gold spans), ``unaligned`` (spans whose ends fall inside a token:
        the whole token is labelled), ``outside`` (spans touching no sentence token),
        ``clashes`` (spans overlapping an earlier one: the earlier keeps the shared tokens).
    """
    doc = parsed.doc
    label_of: dict[int, str] = {}
    counts = {"spans": 0, "unaligned": 0, "outside": 0, "clashes": 0}
    inside = {t.i for tokens in _sequences(parsed) for t in tokens}
    gold = sorted({(s, e, "SOURCE") for s, e in sources} | {(s, e, "CUE") for s, e in cues})
    for start, end, label in gold:
        counts["spans"] += 1
        if doc.char_span(start, end) is None:
            counts["unaligned"] += 1
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens = [t.i for t in span or () if t.i in inside]
        if not tokens:
            counts["outside"] += 1
            continue
        if any(i in label_of for i in tokens):
            counts["clashes"] += 1
        for k, i in enumerate(tokens):
            label_of.setdefault(i, ("B-" if k == 0 else "I-") + label)
    labels = [[label_of.get(t.i, "O") for t in tokens] for tokens in _sequences(parsed)]
    return labels, counts


def _decode(tokens: Sequence[Token], labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(label, first token, last token)`` of the spans of one BIO-labelled sentence (an
    ``I-`` without its ``B-`` opens a span)."""
    spans: list[list[Any]] = []
    for k, label in enumerate(labels):
        if label == "O":
            continue
        prefix, kind = label.split("-", 1)
        if prefix == "I" and spans and spans[-1][0] == kind and spans[-1][2] == k - 1:
            spans[-1][2] = k
        else:
            spans.append([kind, k, k])
    return [(kind, first, last) for kind, first, last in spans]


# --- the tagger -------------------------------------------------------------------------------


def _seed_c_rand(seed: int) -> None:
    """Seed the C library's ``rand()``, where the process can reach it.

    CRFsuite's online trainers (``"pa"``, ``"ap"``, ``"arow"``, ``"l2sgd"``) shuffle the training
    sentences with ``rand()`` and never seed it, so without this a fit would depend on whatever
    else in the process drew from it before (two fits of the same data gave dev F1 0.778 and
    0.772).
    """
    try:
        libc = ctypes.CDLL(None)
    except (OSError, TypeError):  # no global C library handle on this platform
        return
    libc.srand(ctypes.c_uint(seed))


class AttributionTagger:
    """Tag source and cue spans with a CRF over the tokens of parsed articles.

    Parameters
    ----------
    algorithm : {"pa", "ap", "lbfgs", "l2sgd", "arow"}
        CRFsuite's training algorithm: ``"pa"`` (passive-aggressive, the default: on a
        held-out slice of PolNeAR train it scored best and trains in a third of L-BFGS's time),
        ``"ap"`` (averaged perceptron), ``"lbfgs"`` (L-BFGS with elastic-net regularisation).
    max_iterations : int
        Passes over the training data (epochs; L-BFGS iterations for ``"lbfgs"``).
    c : float
        Aggressiveness of ``"pa"`` (and ``"arow"``'s variance); ignored by the others.
    c1, c2 : float
        L1 and L2 regularisation of ``"lbfgs"`` (``c2`` also of ``"l2sgd"``).
    rules : bool
        Stack the rule extractor's output (:func:`sourcing.analyse_sourcing`) as features.
    random_state : int
        Seed of the order in which the online algorithms visit the training sentences, so that
        a fit is reproducible (see :func:`_seed_c_rand`).

    Attributes
    ----------
    crf_ : sklearn_crfsuite.CRF
        The fitted model.
    alignment_ : dict
        Gold-span counts of the training data (see :func:`bio_labels`).

    Examples
    --------
    >>> tagger = AttributionTagger(c1=0.1, c2=0.1)  # doctest: +SKIP
    >>> tagger.fit(parsed_articles, gold_spans).predict_spans(parsed_articles[:1])  # +SKIP
    """

    def __init__(self, algorithm: str = DEFAULT_PARAMS["algorithm"],
                 max_iterations: int = DEFAULT_PARAMS["max_iterations"], c: float = 1.0,
                 c1: float = 0.05, c2: float = 0.05, rules: bool = True,
                 random_state: int = 0):
        self.algorithm = algorithm
        self.max_iterations = max_iterations
        self.c = c
        self.c1 = c1
        self.c2 = c2
        self.rules = rules
        self.random_state = random_state

    def _features(self, parsed: ParsedArticle) -> list[list[dict[str, object]]]:
        return _article_features(parsed, self.rules)

    def fit(self, parsed: Sequence[ParsedArticle],
            gold: Sequence[tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]]]
            ) -> AttributionTagger:
        """Learn from annotated articles.

        Parameters
        ----------
        parsed : sequence of ParsedArticle
        gold : sequence of (sources, cues)
            For each article, its gold source spans and cue spans as ``(start, end)``
            character offsets into the article's text.

        Returns
        -------
        AttributionTagger
            ``self``, fitted.
        """
        import sklearn_crfsuite

        check_choice(self.algorithm, ALGORITHMS, "algorithm")
        if len(parsed) != len(gold):
            raise ValueError(f"parsed and gold must have the same length, not {len(parsed)} "
                             f"and {len(gold)}")
        self.alignment_ = {"spans": 0, "unaligned": 0, "outside": 0, "clashes": 0}
        X: list[list[dict[str, object]]] = []
        y: list[list[str]] = []
        for article, (sources, cues) in zip(parsed, gold):
            labels, counts = bio_labels(article, sources, cues)
            for key, value in counts.items():
                self.alignment_[key] += value
            X += self._features(article)
            y += labels
        settings: dict[str, float] = {"pa": {"c": self.c}, "arow": {"variance": self.c},
                                      "lbfgs": {"c1": self.c1, "c2": self.c2},
                                      "l2sgd": {"c2": self.c2}}.get(self.algorithm, {})
        self.crf_ = sklearn_crfsuite.CRF(algorithm=self.algorithm,
                                         max_iterations=self.max_iterations,
                                         all_possible_transitions=True, **settings)
        _seed_c_rand(self.random_state)
        self.crf_.fit(X, y)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "crf_"):
            raise ValueError("this AttributionTagger is not fitted: call fit() or load() first")

    def predict_spans(self, parsed: ParsedArticle) -> tuple[sourcing.SpanList, sourcing.SpanList]:
        """Source and cue spans of one article.

        Parameters
        ----------
        parsed : ParsedArticle

        Returns
        -------
        (sources, cues)
            Lists of ``(start, end)`` character offsets into ``parsed.article.text``, in text
            order.
        """
        found = self._predict(parsed)
        return ([(s, e) for _, kind, s, e in found if kind == "SOURCE"],
                [(s, e) for _, kind, s, e in found if kind == "CUE"])

    def _predict(self, parsed: ParsedArticle) -> list[tuple[int, str, int, int]]:
        """``(sentence, label, start, end)`` of every predicted span, in text order."""
        self._check_fitted()
        sequences = _sequences(parsed)
        found = []
        for index, (tokens, labels) in enumerate(zip(sequences,
                                                     self.crf_.predict(self._features(parsed)))):
            for kind, first, last in _decode(tokens, labels):
                found.append((index, kind, tokens[first].idx,
                              tokens[last].idx + len(tokens[last])))
        return found

    def attributions(self, parsed: ParsedArticle,
                     quotes: list[sourcing.Quote] | None = None) -> list[sourcing.Attribution]:
        """Attribution records of one article from the predicted spans.

        Each predicted cue is paired with the nearest predicted source of its sentence (by
        token distance; none makes the attribution agentless). Source types and pronoun
        antecedents come from :func:`sourcing.source_typer`, as for the rules; the content is
        the rest of the sentence on the far side of the cue from the source, and the quotation
        kind that of the quotations it overlaps.

        Parameters
        ----------
        parsed : ParsedArticle
        quotes : list of Quote, optional
            The article's quotations (:func:`sourcing.find_quotes` is called when omitted);
            their ``speaker`` is filled in.

        Returns
        -------
        list of Attribution
            In text order of the cues.
        """
        lang = parsed.article.language
        text = parsed.article.text
        quotes = sourcing.find_quotes(parsed) if quotes is None else quotes
        found = self._predict(parsed)
        type_span = sourcing.source_typer(parsed)
        records: list[sourcing.Attribution] = []
        for sentence, kind, start, end in found:
            if kind != "CUE":
                continue
            sources = [(s, e) for i, k, s, e in found if i == sentence and k == "SOURCE"]
            source = min(sources, key=lambda s: max(s[0] - end, start - s[1]), default=None)
            cue = sourcing.TextSpan(start, end, text[start:end])
            sent = parsed.sentences[sentence]
            if source is None:
                span, source_type, rule, resolved = None, "agentless", "agentless cue", None
            else:
                span, source_type, rule, resolved = type_span(source[0], source[1], records)
            cue_kind = _cue_kind(cue.text, span, lang)
            # An inverted source follows its verb ("..., said Trump"); "according to" always
            # precedes its source.
            inverted = span is not None and span.start > start and cue_kind != "preposition"
            content = sourcing.content_span(
                text, (sent.start_char, sent.end_char), cue,
                (span.start, span.end) if span else None, inverted, cue_kind == "preposition",
                [q for q in quotes if q.sentence == sentence])
            records.append(sourcing.Attribution(
                cue=cue, source=span, source_type=source_type, rule=rule,
                quote=sourcing.quote_kind(content, sentence, quotes), sentence=sentence,
                cue_kind=cue_kind, content=content, resolved=resolved))
        for record in records:
            for quote in quotes:
                content = record.content
                if content is not None and quote.speaker is None and \
                        quote.start < content.end and content.start < quote.end:
                    quote.speaker = record.source_text
        return records

    def save(self, path: str | Path) -> Path:
        """Write the fitted tagger to ``path`` (a pickle; load it with :meth:`load`)."""
        self._check_fitted()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump({"feature_version": FEATURE_VERSION, "tagger": self}, f)
        return path

    @classmethod
    def load(cls, path: str | Path) -> AttributionTagger:
        """Read a tagger written by :meth:`save` (only load files you wrote yourself: a
        pickle can run code).

        Raises
        ------
        ValueError
            When the file was written with another feature version.
        """
        with open(path, "rb") as f:
            saved = pickle.load(f)  # noqa: S301 (the user's own cache)
        if not isinstance(saved, dict) or saved.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{path}: not an AttributionTagger of feature version "
                             f"{FEATURE_VERSION}; retrain it")
        return saved["tagger"]


def _cue_kind(cue: str, source: sourcing.TextSpan | None, lang: str) -> str:
    words = tuple(normalise_apostrophes(cue.lower()).split())
    if any(category == "preposition" and parts == words
           for options in _verb_lexicon(lang)[1].values() for parts, category in options) or \
            _verb_lexicon(lang)[0].get(cue.lower()) == "preposition":
        return "preposition"
    if cue.strip() == ":":
        return "colon"
    if cue.strip() in sourcing.DASHES:
        return "dash"
    return "verb" if source is not None else "agentless"


# --- PolNeAR: training, caching, evaluation ---------------------------------------------------


def train_polnear(folder: str | Path = POLNEAR / "train", **params: Any) -> AttributionTagger:
    """A tagger fitted on a PolNeAR split folder (``params`` go to :class:`AttributionTagger`).
    """
    _, parsed, gold = sourcing.polnear_data(folder)
    return AttributionTagger(**params).fit(parsed, gold)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "media-workbook"


def _training_key(data: Sequence[Path], root: Path, pipeline: str) -> str:
    """Hash of the training files (names relative to ``root`` and contents), the feature
    version, the CRF settings, the whole package's code and lexicons (the stacked rule features
    read closed-class tables, cue patterns and the pipeline's lemma fix-ups, not only this
    subpackage), and the pipeline whose parse the features read (``models/<pipeline>/meta.json``,
    scores included, changes with every training): a change to any of them means another cache
    file."""
    digest = hashlib.sha256(f"v{FEATURE_VERSION} {sorted(DEFAULT_PARAMS.items())}".encode())
    package = Path(__file__).parent.parent
    code = [*sorted(package.rglob("*.py")), *sorted(package.glob("lexicons/*.*")),
            MODELS_DIR / pipeline / "meta.json"]
    for path in code:
        digest.update(path.read_bytes())
    for path in data:  # names relative to root (absolute outside it): the key moves with them
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cached(name: str, key: str, train: Callable[[], AttributionTagger]) -> AttributionTagger:
    """The tagger cached as ``<cache>/<name>-<key>.pkl``, or ``train()`` now and cached (a new
    file replaces the older ones of that name)."""
    path = _cache_dir() / f"{name}-{key}.pkl"
    if path.exists():
        try:
            return AttributionTagger.load(path)
        except (ValueError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a stale or broken cache file is rebuilt
    tagger = train()
    partial = tagger.save(path.with_suffix(".part"))
    partial.replace(path)  # whole or absent, never half-written
    for stale in path.parent.glob(f"{name}-*.pkl"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return tagger


def polnear_tagger(folder: str | Path | None = None) -> AttributionTagger | None:
    """The tagger trained on PolNeAR train, from the cache or trained now (and cached).

    Parameters
    ----------
    folder : path, optional
        The training split; default ``../shared/corpora/polnear/train`` beside the project.

    Returns
    -------
    AttributionTagger or None
        None when the folder is absent (PolNeAR is research data, never shipped). The model
        is cached as ``$XDG_CACHE_HOME/media-workbook/attribution_tagger-<key>.pkl`` (default
        ``~/.cache/media-workbook/``), the key hashing the training files, the feature
        version, the CRF settings and the code and lexicons behind the features; a new file
        replaces the older ones.
    """
    folder = Path(folder) if folder is not None else POLNEAR / "train"
    if not (folder / "attributions").is_dir():
        return None
    data = sorted([*folder.glob("text/*.txt"), *folder.glob("attributions/*.ann")])
    return _cached("attribution_tagger", _training_key(data, folder, "en_media_workbook"),
                   lambda: train_polnear(folder))


# --- Italian: the articles annotated here -----------------------------------------------------

#: The Italian articles annotated here that a tagger learns from: the development articles of
#: MEANTIME and SemEval-2023 (their test sets never train) and the SemEval-2023 training
#: articles, annotated only for this. Each entry: the corpus read in place, its annotation (a
#: file, or a folder of files, in ``data/annotations``) and the split file naming its
#: development articles (None: every annotated article trains).
ITALIAN_TRAINING: tuple[tuple[Path, str, str | None], ...] = (
    (SHARED_CORPORA / "meantime" / "meantime_it.jsonl", "meantime_it.gold.jsonl",
     "meantime_it_split.json"),
    (SHARED_CORPORA / "semeval2023-frames" / "it" / "unlabelled" / "text",
     "semeval_it.gold.jsonl", "semeval_it_split.json"),
    (SHARED_CORPORA / "semeval2023-frames" / "it" / "train" / "text", "semeval_it_train", None),
)


def annotation_files(name: str) -> list[Path]:
    """An annotation file of ``data/annotations``, or the ``.jsonl`` files of a folder there."""
    path = ANNOTATIONS_DIR / name
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def annotated_spans(sets: Sequence[tuple[Path, str, str | None]]
                    ) -> tuple[list[ParsedArticle], list[tuple[sourcing.SpanList,
                                                                sourcing.SpanList]]]:
    """The training articles of ``sets`` (entries as in :data:`ITALIAN_TRAINING`), parsed,
    with their gold ``(sources, cues)`` character spans, for :meth:`AttributionTagger.fit`."""
    from ..annotations import annotated_articles

    parsed: list[ParsedArticle] = []
    gold: list[tuple[sourcing.SpanList, sourcing.SpanList]] = []
    for corpus, annotation, split in sets:
        articles, annotations = annotated_articles(corpus, annotation_files(annotation))
        keys = list(annotations) if split is None else json.loads(
            (ANNOTATIONS_DIR / split).read_text(encoding="utf-8"))["dev"]
        parsed += [articles[key] for key in keys]
        gold += [annotations[key].attribution_spans() for key in keys]
    return parsed, gold


def train_annotated(sets: Sequence[tuple[Path, str, str | None]] = ITALIAN_TRAINING,
                    **params: Any) -> AttributionTagger:
    """A tagger fitted on articles annotated here (:data:`ITALIAN_TRAINING`; ``params`` go to
    :class:`AttributionTagger`)."""
    return AttributionTagger(**params).fit(*annotated_spans(sets))


def italian_tagger(sets: Sequence[tuple[Path, str, str | None]] = ITALIAN_TRAINING
                   ) -> AttributionTagger | None:
    """The tagger trained on the Italian articles annotated here, from the cache or trained
    now (and cached as ``attribution_tagger_it-<key>.pkl`` beside :func:`polnear_tagger`'s).

    Returns
    -------
    AttributionTagger or None
        None when a corpus of ``sets`` is absent: the SemEval-2023 articles are research
        data with no licence, so a tagger learned from them is never shipped.
    """
    if not all(corpus.exists() for corpus, _, _ in sets):
        return None
    data = []
    for corpus, annotation, split in sets:
        data += sorted(corpus.glob("*.txt")) if corpus.is_dir() else [corpus]
        data += annotation_files(annotation)
        data += [ANNOTATIONS_DIR / split] if split else []
    return _cached("attribution_tagger_it",
                   _training_key(data, PROJECT_ROOT.parent, "it_media_workbook"),
                   lambda: train_annotated(sets))

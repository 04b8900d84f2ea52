"""Time expressions: find them, resolve them against the publication date, flag inconsistencies.

A *time expression* (a TIMEX3 in TimeML, Pustejovsky et al. 2003; ISO 24617-1) is a phrase
that places something in time: an absolute date ("26 giugno 2025", "the second half of 2023"),
a relative one ("lo scorso giugno", "next month", "l'estate dello scorso anno"), a horizon
("nei prossimi mesi", "in recent weeks") or a deictic word ("ieri", "today"). Relative and
underspecified expressions are resolved against the article's *reference time*, its
publication date, to an ISO 8601 date or interval.

The extent of each expression is found by a small grammar of regular expressions built from the
lexicons (``lexicons/time_it.csv``, ``lexicons/time_en.csv`` and ``lexicons/months.csv``): month
and season names, parts of a period ("seconda metà", "early"), relative markers ("scorso",
"next"), calendar units, weekdays, number words. Time expressions are compositional (part + of
+ period + of + year), which is what regular grammars over the text capture well: HeidelTime
(Strötgen and Gertz 2013), the reference rule-based tagger, works the same way.

Underspecified expressions (a bare month or season, a day without a year) are resolved by the
tense and mood of their clause, as HeidelTime does for news: in a future, conditional or
intention context (Italian -rà, -ranno, -rebbe, -rebbero; cue words such as *potere*,
*prevedere*, *prepararsi* / will, could, plans, expected) the next occurrence that has not ended
by publication; in a past context (auxiliary + past participle, imperfect and *passato remoto*
endings / -ed and irregular past forms) the most recent one that started before publication;
with neither, the occurrence nearest to publication. The cue nearest to the expression within
its clause decides.

Three inconsistencies are flagged, each with its reason: a forecast (future, conditional or
intention context) placed in a period that ended before publication; a past event placed after
publication; a relative date in apposition with an absolute one that it contradicts ("la scorsa
estate, nell'estate del 2022"; a weekday that is not the date's). The first two are checked on
absolute expressions only: they are the ones that go stale when old copy is republished under a
new dateline, while a relative date moves with the dateline (a clash between it and the tense of
its clause is far more often an error of the clause analysis than of the article). A forecast
seen from the past ("said it would", "aveva previsto", "avrebbe inviato") is not checked.
Vague references ("recently", "presto") and anaphoric ones ("the following year", "l'anno
precedente") are found but left unresolved, with the reason. Without a publication date
absolute expressions are still resolved, relative ones are left unresolved with the reason, and
no flag that needs the date is raised.

References
----------
Pustejovsky, J. et al. (2003). TimeML: robust specification of event and temporal expressions
in text. *New Directions in Question Answering*, 28-34.
ISO 24617-1:2012. Language resource management, semantic annotation framework, part 1: time
and events (ISO-TimeML).
Strötgen, J. and Gertz, M. (2013). Multilingual and cross-domain temporal tagging. *Language
Resources and Evaluation* 47(2), 269-298. doi:10.1007/s10579-012-9179-y
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from spacy.tokens import Span, Token

from .display import PALETTE
from .language import SUPPORTED_LANGUAGES
from .lexicon import load_lexicon
from .nlp import APOSTROPHES, ParsedArticle, normalise_apostrophes

#: Languages with a time lexicon.
#: Clause contexts that decide how an underspecified expression is resolved.
CONTEXTS = ("future", "past", "none")
#: Colours of the timeline figure and of highlighted text.
TIME_COLORS = {"time expression": PALETTE[4], "flagged": PALETTE[5], "unresolved": PALETTE[7]}
#: A horizon without a number ("nei prossimi mesi", "in recent weeks") spans this many units.
DEFAULT_HORIZON = 3
#: Most words between a relative and an absolute expression read as one apposition.
APPOSITION_WORDS = 3
#: Cues further than this many tokens from the expression do not set its context.
CUE_WINDOW = 15
#: A past cue flags an expression after publication only within this many tokens: a past
#: verb scopes over its own adjuncts, while a forecast's modal scopes over the whole clause.
FLAG_WINDOW = 5

REASONS = {
    "needs_date": "relative expression: needs the publication date",
    "vague": "vague reference (TimeML {ref}): no calendar value",
    "anaphoric": "anaphoric: relative to another date in the text, not to publication",
    "no_day": "day {day} does not exist in {month}",
    "no_anchor": "{what} inside a {unit} is not resolved",
    "forecast": "forecast ({cue!r}) placed in {resolved}, which ended before publication "
                "({published})",
    "past_after": "past event ({cue!r}) placed in {resolved}, after publication ({published})",
    "contradiction": "relative date resolved to {resolved} contradicts {other!r} ({other_resolved})"
                     " in the same sentence",
}

# --- the grammar -------------------------------------------------------------------------------
_APOS = f"[{APOSTROPHES}]"
# Pattern characters that match more than themselves: a space any white space, ' either apostrophe.
_SYMBOLS = {" ": r"\s+", "'": _APOS}
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# A year: four digits, not part of a longer number ("2.000") nor a decade ("the 1980s").
_YEAR = r"(?<![\d.,])(?:1[89]|20)\d{2}(?![\d]|[.,]\d|['’]?s\b)"
_ORDINAL = {"it": r"(?:°|º)?", "en": r"(?:st|nd|rd|th)?"}
_ARTICLE = {"it": "", "en": r"(?:the\s+)?"}
# Clause boundaries: punctuation, the words that open a subordinate or relative clause, and
# temporal prepositions that start an adjunct of their own ("after", "since", "dopo").
_BOUNDARY_PUNCT = frozenset(",;:()[]\"“”«»—–")
_BOUNDARY_WORDS = {
    "it": frozenset({"che", "quando", "mentre", "perché", "poiché", "sebbene", "come", "dopo",
                     "prima", "finché"}),
    "en": frozenset({"that", "when", "while", "which", "because", "although", "who", "as",
                     "after", "before", "since"}),
}
# "and" joins two clauses, except when a preposition or another time expression follows it
# ("in primavera e all'inizio dell'estate", "in May and in June").
_AND = {"it": frozenset({"e", "ed"}), "en": frozenset({"and"})}
_PREPOSITIONS = {
    "it": frozenset({"a", "al", "all'", "alla", "in", "nel", "nell'", "nella", "entro", "da",
                     "dal", "per"}),
    "en": frozenset({"in", "on", "at", "by", "from", "to", "for", "during"}),
}
# Words that may introduce a bare English month name besides the prepositions.
_MONTH_INTRODUCERS = frozenset({"since", "until", "till", "through", "before", "after", "and",
                                "or", "of", "between"})
_ARTICLES = {"it": frozenset({"il", "lo", "la", "l'"}), "en": frozenset({"the"})}
# Past auxiliaries (a closed class): before a future cue they make it a future in the past.
_PAST_AUXILIARIES = frozenset({"aveva", "avevano", "era", "erano", "fu", "furono", "was", "were",
                               "had"})
# Modals that report a past speaker's forecast after a past verb ("said it would").
_REPORTED_MODALS = frozenset({"would", "could", "might"})
# The Italian past conditional (avrebbe + participle) is the future seen from the past.
_PAST_CONDITIONAL_AUX = frozenset({"avrebbe", "avrebbero", "sarebbe", "sarebbero"})
_INFINITIVE = ("are", "ere", "ire", "rre")
_PRESENT_BE = frozenset({"be", "being", "is", "are", "am"})
_WORD = re.compile(r"\d+|[^\W\d_]+'?")
# The kinds whose words may open an expression: every kind of the grammar but "of", which only
# joins its parts (keep in step with the alternatives of ``_grammar``: a kind missing here
# would never open a match).
_OPENING_KINDS = ("month", "weekday", "season", "unit", "units", "relative", "part", "number",
                  "horizon", "ago", "edge", "deictic", "vague", "anaphoric")
#: How many expressions' parts are remembered (:func:`_parts`).
_PARTS_MEMO = 1 << 14
#: How many letters of an opening pattern the pre-filter checks, across its words ("in the
#: past" opens with "in t": "in" passes the pre-filter only before a word starting with t).
_OPENING_LETTERS = 3


@dataclass(frozen=True)
class _Lexicon:
    """The time lexicon of one language: word -> (kind, value) pairs and the compiled grammar."""

    words: dict[str, list[tuple[str, str]]]
    suffixes: dict[str, tuple[str, ...]]  # kind -> word endings (future, past, participle)
    grammar: re.Pattern


def _trie(words: Iterable[str], fold: bool) -> str:
    """A regex alternation of ``words`` written as a trie: one branch per next character
    (lower-cased when ``fold``, for a case-insensitive context), so the engine rejects most
    text in a few comparisons where a flat alternation would try every word. Where a word ends
    and longer ones go on, their branches are optional and tried first: the longest word wins,
    as in an alternation sorted longest first (:data:`_SYMBOLS` for spaces and apostrophes)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char.lower() if fold else char, {})
        node[""] = {}  # a word ends here
    return _trie_regex(root)


def _trie_regex(node: dict) -> str:
    """The regex of one node of a :func:`_trie`."""
    branches = [(_SYMBOLS.get(char) or re.escape(char)) + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = "|".join(branches)
    if len(branches) > 1 or "" in node:
        body = f"(?:{body})"
    return body + "?" if "" in node else body


def _alt(patterns: Iterable[str], capitalised: bool = False) -> str:
    """A regex alternation of lexicon patterns (a :func:`_trie`, longest first); multi-word
    patterns allow any white space, apostrophes either form; case-insensitive unless
    ``capitalised``."""
    if capitalised:
        return f"(?:{_trie((p[:1].upper() + p[1:] for p in patterns), fold=False)})"
    return f"(?i:{_trie(patterns, fold=True)})"


def _opening(kinds: dict[str, list[str]]) -> str:
    """The grammar's pre-filter: a digit or the first letters of an opening pattern, with the
    white space or apostrophes between them (case-insensitive, as the lexicon alternations).
    Every alternative of the grammar opens with one of them, so the grammar's look-ahead on it
    rules out most word starts in a few comparisons, where the alternation would try each of
    its words. A pattern that opens with another character leaves an empty prefix, which lets
    every word start through."""
    leading = re.compile(rf"(?:[ ']*[^\W_]){{0,{_OPENING_LETTERS}}}")
    prefixes = {leading.match(pattern).group().lower()  # type: ignore[union-attr]
                for kind in _OPENING_KINDS for pattern in kinds.get(kind, ())}
    # a prefix that extends a shorter one filters nothing more out
    shortest = {p for p in prefixes if not any(p.startswith(q) for q in prefixes if q != p)}
    return rf"\d|(?i:{_trie(shortest, fold=True)})"


def _grammar(lang: str, kinds: dict[str, list[str]]) -> re.Pattern:
    """The extent grammar: one alternation, longest constructions first, tried only at the
    word starts that may open one of them (:func:`_opening`)."""
    names_case = lang == "en"  # English capitalises month and weekday names
    month = _alt(kinds["month"], capitalised=names_case)
    weekday = _alt(kinds["weekday"], capitalised=names_case)
    season, unit, units = _alt(kinds["season"]), _alt(kinds["unit"]), _alt(kinds["units"])
    rel, part, of = _alt(kinds["relative"]), _alt(kinds["part"]), _alt(kinds["of"])
    number = rf"(?:{_alt(kinds['number'])}|\d{{1,3}})"
    art, ordinal = _ARTICLE[lang], _ORDINAL[lang]
    named = f"(?:{month}|{season})"
    rel_unit = rf"(?:{rel}\s*{unit}|{unit}\s+{rel})" if lang == "it" else rf"{rel}\s+{unit}"
    year_ref = rf"(?:{_YEAR}|{rel_unit})"
    if lang == "it":
        date = rf"{_DAY}{ordinal}\s+{month}(?:\s+{_YEAR})?"
        rel_named = rf"(?:{rel}\s*(?:{named}|{weekday})|(?:{named}|{weekday})\s+{rel})"
        horizon = (rf"(?:{_alt(kinds['horizon'])}\s+(?:{number}\s+)?{units}"
                   rf"|{units}\s+{_alt(kinds['horizon'])})")
    else:
        date = (rf"(?:{month}\s+{_DAY}{ordinal}(?:,?\s+{_YEAR})?"
                rf"|{_DAY}{ordinal}\s+(?:of\s+)?{month}(?:,?\s+{_YEAR})?)")
        rel_named = rf"{rel}\s+(?:{named}|{weekday})"
        horizon = rf"{_alt(kinds['horizon'])}\s+(?:{number}\s+)?{units}"
    named_year = rf"{named}(?:,?\s+(?:{of}\s*)?{art}{year_ref})?"
    ago = rf"{number}\s+(?:{unit}|{units})\s+{_alt(kinds['ago'])}"
    edge = rf"{_alt(kinds['edge'])}\s+{rel}\s+{unit}" if kinds.get("edge") else None
    glue = rf"(?:\s*-\s*|\s+(?:{of}\s*)?{art})"
    part_of = rf"{part}{glue}(?:{date}|{named_year}|{rel_named}|{rel_unit}|{_YEAR}|{unit})"
    deictic, vague, anaphoric = _alt(kinds["deictic"]), _alt(kinds["vague"]), _alt(
        kinds["anaphoric"])
    anaphoric_unit = rf"(?:{anaphoric}\s+{unit}|{unit}\s+{anaphoric})"
    alternatives = [part_of, date, ago, horizon, edge, anaphoric_unit, rel_named, rel_unit,
                    named_year, deictic, vague, weekday, _YEAR]
    body = "|".join(f"(?:{a})" for a in alternatives if a)
    return re.compile(rf"(?<![^\W_])(?={_opening(kinds)})(?:{body})(?![^\W_])")


@cache
def _lexicon(lang: str) -> _Lexicon:
    table = load_lexicon(f"time_{lang}")
    months = load_lexicon("months", language=lang)
    # Abbreviations ("mar", "set", "ago") are common words: only full month names are used.
    months = months[~months["gloss"].str.contains("abbr", regex=False)]
    words: dict[str, list[tuple[str, str]]] = {}
    kinds: dict[str, list[str]] = {"month": list(months["pattern"])}
    suffixes: dict[str, list[str]] = {}
    for row in months.itertuples():
        words.setdefault(row.pattern, []).append(("month", row.number))
    for row in table.itertuples():
        if row.value == "suffix" or row.kind == "participle":
            suffixes.setdefault(row.kind, []).append(row.pattern)
            continue
        words.setdefault(normalise_apostrophes(row.pattern), []).append((row.kind, row.value))
        kinds.setdefault(row.kind, []).append(row.pattern)
    endings = {kind: tuple(patterns) for kind, patterns in suffixes.items()}
    return _Lexicon(words, endings, _grammar(lang, kinds))


# --- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeExpression:
    """One time expression and its resolution.

    Attributes
    ----------
    start, end : int
        Character offsets into ``article.text``.
    text : str
        The expression as written.
    sentence : int
        Index into ``parsed.sentences``.
    first, last : datetime.date or None
        The first and last day of the resolved interval (equal for a single day).
    relative : bool
        True when the resolution needs the publication date.
    context : str
        One of :data:`CONTEXTS`: the tense or mood of the expression's clause.
    cue : str or None
        The word that set the context.
    cue_distance : int or None
        How many tokens the cue is from the expression.
    anomaly : bool
        True when the expression is flagged.
    reason : str or None
        Why it is flagged, or why it is unresolved.
    names : frozenset
        The calendar names it uses (month, season, weekday, year, day), for the contradiction
        check.
    """

    start: int
    end: int
    text: str
    sentence: int
    first: date | None
    last: date | None
    relative: bool
    context: str
    cue: str | None
    cue_distance: int | None
    anomaly: bool = False
    reason: str | None = None
    names: frozenset = field(default=frozenset(), repr=False, compare=False)

    @property
    def resolved(self) -> str | None:
        """ISO 8601: a date, a ``start/end`` interval, or None when unresolved."""
        if self.first is None or self.last is None:
            return None
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"

    def to_record(self) -> dict[str, Any]:
        """The expression as the annotate contract's ``times`` item."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "resolved": self.resolved, "anomaly": self.anomaly, "reason": self.reason}


@dataclass
class _Parts:
    """What a matched expression is made of (read word by word from the lexicon)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: tuple[int, int] | None = None
    weekday: int | None = None
    part: tuple[float, float] | None = None
    relative: int | None = None
    unit: str | None = None
    horizon: int | None = None
    number: int | None = None
    ago: bool = False
    deictic: int | None = None
    edge: int | None = None
    vague: int | None = None
    anaphoric: int | None = None


def _read_parts(text: str, lexicon: _Lexicon) -> _Parts:
    words = _WORD.findall(normalise_apostrophes(text).lower())
    parts = _Parts()
    has_units = any(k == "units" for w in words for k, _ in lexicon.words.get(w, ()))
    digits: list[str] = []
    i = 0
    while i < len(words):
        # the longest lexicon phrase starting here ("in the past", "seconda metà", "scorso")
        n = next(n for n in (3, 2, 1) if n == 1 or " ".join(words[i:i + n]) in lexicon.words)
        word = " ".join(words[i:i + n])
        i += n
        if word.isdigit():
            digits.append(word)
            continue
        for kind, value in lexicon.words.get(word, ()):
            if kind == "horizon" and has_units:
                parts.horizon = int(value)
                break
            if kind == "relative" and not has_units:
                parts.relative = int(value)
                break
            if kind in ("unit", "units"):
                parts.unit = value
            elif kind == "month":
                parts.month = int(value)
            elif kind == "season":
                parts.season = tuple(int(m) for m in value.split("-"))  # type: ignore[assignment]
            elif kind == "weekday":
                parts.weekday = int(value)
            elif kind == "part":
                parts.part = tuple(float(x) for x in value.split("-"))  # type: ignore[assignment]
            elif kind == "number":
                parts.number = int(value)
            elif kind == "ago":
                parts.ago = True
            elif kind == "deictic":
                parts.deictic = int(value)
            elif kind == "edge":
                parts.edge = int(value)
            elif kind == "vague":
                parts.vague = int(value)
                break
            elif kind == "anaphoric":
                parts.anaphoric = int(value)
    for value in digits:
        if len(value) == 4:
            parts.year = int(value)
        elif parts.month is not None and not parts.ago:
            parts.day = int(value)
        else:
            parts.number = int(value)
    return parts


@lru_cache(maxsize=_PARTS_MEMO)
def _parts(text: str, lang: str) -> _Parts:
    """:func:`_read_parts` of an expression, remembered: the same expressions recur from article
    to article ("2024", "oggi", "last year"). The parts are shared, never to be modified."""
    return _read_parts(text, _lexicon(lang))


# --- calendar arithmetic ------------------------------------------------------------------------
Interval = tuple[date, date]


def _month(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift(day: date, unit: str, n: int) -> date:
    """``day`` moved by ``n`` calendar units (months clip to the month's last day)."""
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    months = day.year * 12 + day.month - 1 + (n if unit == "month" else 12 * n)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _unit_of(day: date, unit: str) -> Interval:
    """The calendar unit (day, ISO week, month, year) that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _month(day.year, day.month)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _season(year: int, months: tuple[int, int]) -> Interval:
    first, last = months
    end_year = year + 1 if last < first else year  # winter runs into the next year
    return _month(year, first)[0], _month(end_year, last)[1]


def _part(interval: Interval, part: tuple[float, float]) -> Interval:
    """The part (a fraction range) of an interval: by whole months when it spans several
    months, by days within a single month."""
    first, last = interval
    if (first.year, first.month) != (last.year, last.month):
        months = []
        cursor = first
        while cursor <= last:
            months.append(_month(cursor.year, cursor.month))
            cursor = months[-1][1] + timedelta(days=1)
        units: list[Interval] = months
    else:
        units = [(first + timedelta(days=d),) * 2 for d in range((last - first).days + 1)]
    n = len(units)
    lo = min(round(part[0] * n), n - 1)
    hi = max(lo + 1, round(part[1] * n))
    return units[lo][0], units[hi - 1][1]


def _choose(candidates: list[Interval], published: date, relative: int | None,
            context: str) -> Interval:
    """Pick one occurrence of an underspecified period (HeidelTime's tense rule)."""
    if relative == -1:  # "lo scorso giugno": the last one that ended before publication
        return [c for c in candidates if c[1] < published][-1]
    if relative == 1:  # "next summer": the first one that starts after publication
        return next(c for c in candidates if c[0] > published)
    if relative == 0:  # "this summer": the one of the publication's year (or week)
        return min(candidates, key=lambda c: abs((c[0] - published).days) if c[0].year
                   == published.year else 10**6)
    if context == "future":
        return next(c for c in candidates if c[1] >= published)
    if context == "past":
        return [c for c in candidates if c[0] <= published][-1]

    def distance(c: Interval) -> int:
        return 0 if c[0] <= published <= c[1] else min(abs((c[0] - published).days),
                                                       abs((c[1] - published).days))

    return min(candidates, key=distance)


def _occurrences(parts: _Parts, published: date) -> list[Interval]:
    """Every candidate occurrence of a named period around the publication date."""
    if parts.weekday is not None and parts.month is None:
        days = [published + timedelta(days=d) for d in range(-7, 8)]
        return [(d, d) for d in days if d.weekday() == parts.weekday]
    years = range(published.year - 2, published.year + 3)
    # 29 February exists only in leap years
    return [_named(parts, y) for y in years if parts.day is None
            or parts.day <= calendar.monthrange(y, parts.month)[1]]


def _named(parts: _Parts, year: int) -> Interval:
    if parts.month is not None:
        interval = _month(year, parts.month)
        if parts.day is not None:
            day = date(year, parts.month, parts.day)
            return day, day
        return interval
    return _season(year, parts.season)  # type: ignore[arg-type]


def _resolve(parts: _Parts, published: date | None, context: str) -> tuple[Interval | None, bool,
                                                                           str | None]:
    """Resolve parts to an interval; also whether the publication date was needed and, when
    unresolved, why."""
    if parts.vague is not None:
        return None, True, REASONS["vague"].format(
            ref="PAST_REF" if parts.vague < 0 else "FUTURE_REF")
    if parts.anaphoric is not None:
        return None, False, REASONS["anaphoric"]
    is_named = parts.month is not None or parts.season is not None or parts.weekday is not None
    needs_date = parts.year is None and (is_named or parts.unit is not None
                                         or parts.deictic is not None)
    if needs_date and published is None:
        return None, True, REASONS["needs_date"]
    if parts.month is not None and parts.day is not None:
        last_day = calendar.monthrange(parts.year or 2000, parts.month)[1]  # 2000: a leap year
        if parts.day > last_day:
            return None, needs_date, REASONS["no_day"].format(
                day=parts.day, month=calendar.month_name[parts.month])
    if parts.deictic is not None:
        day = published + timedelta(days=parts.deictic)  # type: ignore[operator]
        return (day, day), True, None
    unit = parts.unit or "year"
    if parts.ago:
        point = _shift(published, unit, -(parts.number or 1))  # type: ignore[arg-type]
        return _unit_of(point, unit), True, None
    if parts.horizon is not None:
        other = _shift(published, unit, parts.horizon * (parts.number or DEFAULT_HORIZON))
        return (min(published, other), max(published, other)), True, None  # type: ignore
    if parts.edge is not None:
        first, last = _unit_of(published, unit)  # type: ignore[arg-type]
        return ((first, published) if parts.edge < 0 else (published, last)), True, None
    if parts.year is not None:
        frame: Interval | None = (date(parts.year, 1, 1), date(parts.year, 12, 31))
    elif parts.unit is not None and parts.relative is None and parts.part is not None:
        # "fine settimana", "the end of the month": which one is left to the clause's tense
        units = [_unit_of(_shift(published, unit, k), unit) for k in (-1, 0, 1)]  # type: ignore
        candidates = [_part(u, parts.part) for u in units]
        return _choose(candidates, published, None, context), True, None  # type: ignore
    elif parts.unit is not None:
        frame = _unit_of(_shift(published, unit, parts.relative or 0), unit)  # type: ignore
    else:
        frame = None
    if is_named:
        if frame is not None and parts.unit not in (None, "year"):
            what = "a named month, season or weekday"
            return None, needs_date, REASONS["no_anchor"].format(what=what, unit=parts.unit)
        if frame is not None:
            interval = _named(parts, frame[0].year)
        else:
            interval = _choose(_occurrences(parts, published), published,  # type: ignore[arg-type]
                               parts.relative, context)
    else:
        interval = frame  # type: ignore[assignment]
    if parts.part is not None:
        interval = _part(interval, parts.part)
    return interval, needs_date, None


# --- context: tense and mood of the clause -----------------------------------------------------


def _cue(token: Token, sent_start: int, lang: str, lexicon: _Lexicon) -> str | None:
    """``"future"``, ``"past"`` or None for one token (``sent_start``: the index of the first
    token of its sentence)."""
    form = normalise_apostrophes(token.lower_)
    kinds = {k for w in (form, token.lemma_) for k, _ in lexicon.words.get(w, ())}
    suffixes = lexicon.suffixes
    if "future" in kinds or form.endswith(suffixes.get("future", ())):
        return "future"
    if lang == "en":
        # "-ed" after a present form of "be" is a passive participle ("can be tested"), not a
        # past tense; capitalised words inside a sentence are names ("United").
        regular = (form.endswith(suffixes["past"]) and not form.endswith("eed") and len(form) > 4
                   and not (token.text[:1].isupper() and not token.is_sent_start)
                   and not (token.i > 0 and token.doc[token.i - 1].lower_ in _PRESENT_BE))
        return "past" if "past" in kinds or regular else None
    if form.endswith(suffixes["past"]) and len(form) > 3 and not token.is_stop:
        return "past"
    if _is_participle(token, lexicon):
        before = token.doc[max(sent_start, token.i - 3):token.i]
        if any(("past", "aux") in lexicon.words.get(t.lower_, ()) for t in before):
            return "past"
    return None


def _is_boundary(token: Token, lang: str, times: set[int]) -> bool:
    word = normalise_apostrophes(token.lower_)
    if token.text in _BOUNDARY_PUNCT or word in _BOUNDARY_WORDS[lang]:
        return True
    if word in _AND[lang] and token.i + 1 < len(token.doc):
        following = token.doc[token.i + 1]
        return not (following.i in times
                    or normalise_apostrophes(following.lower_) in _PREPOSITIONS[lang])
    return False


def _clause(span: Span, sent: Span, lang: str,
            times: set[int]) -> tuple[list[Token], list[Token]]:
    """The tokens of the clause before and after ``span`` (nearest first; ``sent``: its
    sentence), up to a clause boundary and at most :data:`CUE_WINDOW` tokens each way."""
    doc = span.doc
    before = range(span.start - 1, max(sent.start, span.start - CUE_WINDOW) - 1, -1)
    after = range(span.end, min(sent.end, span.end + CUE_WINDOW))
    sides: tuple[list[Token], list[Token]] = ([], [])
    for side, indices in zip(sides, (before, after)):
        for i in indices:
            token = doc[i]
            if _is_boundary(token, lang, times):
                break
            side.append(token)
    return sides


def _is_conditional_perfect(token: Token) -> bool:
    """"would have", "could have", "avrebbe", "sarebbe": a counterfactual or a future seen
    from the past, neither a past event nor a forecast."""
    word = token.lower_
    return word in _PAST_CONDITIONAL_AUX or word in _REPORTED_MODALS and (
        token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "have")


def _is_past_perspective(token: Token) -> bool:
    """A past perfect or a conditional perfect ("had grown", "would have been"): the clause
    looks at its time from the past."""
    return token.lower_ in _PAST_AUXILIARIES or _is_conditional_perfect(token)


def _clause_context(span: Span, sent: Span, lang: str, lexicon: _Lexicon,
                    times: set[int]) -> tuple[str, str | None, int | None]:
    """The context of the clause around ``span`` in its sentence ``sent`` (``times``: token
    indices of all the time expressions of the article, which never act as cues).

    An expression that dates a noun ("the 1991 agreement", "l'accordo del 2018", "last year's
    profit") takes no context: the clause's verb is not its event. A deadline preposition just
    before it ("by 2026", "entro il 2026") makes it future, unless its clause looks from the
    past ("by 2005 it had grown", "would have been delivered by 2011"). Otherwise the cue
    nearest to it within its clause wins (the one before it on a tie); a past cue in a
    conditional perfect clause sets no context.
    """
    doc = span.doc
    before = list(doc[max(sent.start, span.start - 2):span.start])
    words = [normalise_apostrophes(t.lower_) for t in before]
    if words and words[-1] in _ARTICLES[lang]:
        words = words[:-1]
    left, right = _clause(span, sent, lang, times)
    if (words and ("deadline", "") in lexicon.words.get(words[-1], ())
            and not any(_is_past_perspective(t) for t in left + right)):
        return "future", before[len(words) - 1].text, 1
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    bare_year = len(words) < len(before) and re.fullmatch(_YEAR, span.text)  # "the 1991 deal"
    if (words and any(k == "of" for k, _ in lexicon.words.get(words[-1], ()))
            or bare_year or normalise_apostrophes(after) == "'s"):
        return "none", None, None
    found: list[tuple[int, int, str, Token]] = []
    for direction, tokens in enumerate((left, right)):
        for distance, token in enumerate(tokens, start=1):
            kind = None if token.i in times else _cue(token, sent.start, lang, lexicon)
            if kind is None and direction == 0 and distance <= 2 and _is_participle(token, lexicon):
                kind = _participle_tense(token, sent.start, lang, lexicon)
            if kind:
                found.append((distance, direction, kind, token))
                break
    if not found:
        return "none", None, None
    distance, _, kind, token = min(found)
    if (kind == "future" and _future_in_past(token, sent.start, lang, lexicon)
            or kind == "past" and any(_is_conditional_perfect(t) for t in left + right)):
        return "none", token.text, distance
    return kind, token.text, distance


def _is_participle(token: Token, lexicon: _Lexicon) -> bool:
    """An Italian past participle ("firmato", "raggiunta"); English has none in the lexicon."""
    endings = lexicon.suffixes.get("participle", ())
    return bool(endings) and len(token.text) > 4 and not token.is_stop and (
        token.lower_.endswith(endings))


def _participle_tense(token: Token, sent_start: int, lang: str,
                      lexicon: _Lexicon) -> str | None:
    """The tense a participle just before an expression gives it: past ("l'accordo firmato lo
    scorso giugno"), future after a future auxiliary ("saranno consegnati nel 2014"), none
    otherwise."""
    if token.i == sent_start:
        return "past"
    previous = token.doc[token.i - 1]
    if _cue(previous, sent_start, lang, lexicon) == "future":
        return "future"
    # after an infinitive it is a passive ("essere testato"); after an article or a
    # preposition it is a noun ("i battenti", "a rilento")
    short = previous.is_stop or len(previous.text) <= 2
    return None if previous.lower_.endswith(_INFINITIVE) or short else "past"


def _future_in_past(token: Token, sent_start: int, lang: str, lexicon: _Lexicon) -> bool:
    """A future cue seen from the past ("was prepared to", "aveva previsto"; "said it would";
    the Italian past conditional "avrebbe inviato"): its time cannot be checked against the
    publication date."""
    doc = token.doc
    previous = doc[token.i - 1] if token.i > sent_start else None
    if previous is not None and (previous.lower_ in _PAST_AUXILIARIES
                                 or _cue(previous, sent_start, lang, lexicon) == "past"):
        return True
    if lang == "it" and token.lower_.endswith(lexicon.suffixes["past"]):
        return True  # an imperfect of a future verb: "attendeva la consegna per maggio"
    if lang == "en":
        return token.lower_ in _REPORTED_MODALS and any(
            _cue(t, sent_start, lang, lexicon) == "past" for t in doc[sent_start:token.i])
    following = doc[token.i + 1:token.i + 3]
    return token.lower_ in _PAST_CONDITIONAL_AUX and any(
        _is_participle(t, lexicon) or t.lower_ == "stato" for t in following)


# --- detection ----------------------------------------------------------------------------------


def _names(parts: _Parts) -> frozenset:
    """The calendar names an expression uses (a month, a season, a weekday, a year, a day), for
    the contradiction check."""
    names: set[tuple] = set()
    if parts.month is not None:
        names.add(("month", parts.month))
    if parts.season is not None:
        names.add(("season", parts.season))
    if parts.weekday is not None:
        names.add(("weekday", parts.weekday))
    if parts.deictic is not None:
        names.add(("day",))
    if not names and parts.unit in (None, "year") and parts.part is None and (
            parts.year is not None or parts.relative is not None):
        names.add(("year",))
    return frozenset(names)


def _contradicts(relative: TimeExpression, absolute: TimeExpression) -> bool:
    """True when a relative expression and the absolute one in apposition with it cannot be the
    same time: a weekday or "today" that is not the date's day, or a month, season or year
    that does not overlap the absolute one."""
    # a weekday or "today" names the date that follows it ("martedì 12 maggio", "oggi (6 luglio)")
    single_day = absolute.first == absolute.last and relative.end <= absolute.start
    weekday = next((n[1] for n in relative.names if n[0] == "weekday"), None)
    if weekday is not None and single_day:
        return absolute.first.weekday() != weekday  # type: ignore[union-attr]
    if ("day",) in relative.names and single_day:
        return relative.first != absolute.first
    if not relative.names & absolute.names:
        return False
    return relative.last < absolute.first or absolute.last < relative.first  # type: ignore


def _stale(t: TimeExpression, published: date) -> str | None:
    """Why an absolute expression does not fit its clause's tense at ``published`` (a forecast
    for a period already ended, a past event after publication), or None."""
    # Only absolute dates can go stale: a relative one moves with the dateline, so a clash
    # between it and its clause's tense is an error of the clause analysis.
    if t.relative:
        return None
    if t.context == "future" and t.last < published:  # type: ignore[operator]
        reason = REASONS["forecast"]
    elif t.context == "past" and t.first > published and t.cue_distance <= FLAG_WINDOW:  # type: ignore
        reason = REASONS["past_after"]
    else:
        return None
    return reason.format(cue=t.cue, resolved=t.resolved, published=published.isoformat())


def _flag(times: list[TimeExpression], text: str, published: date | None) -> list[TimeExpression]:
    by_sentence: dict[int, list[TimeExpression]] = {}
    for t in times:
        by_sentence.setdefault(t.sentence, []).append(t)
    flagged = []
    for t in times:
        reason = None
        if published is not None and t.first is not None:
            reason = _stale(t, published)
            # a relative expression against the absolute ones of its sentence
            for other in by_sentence[t.sentence] if t.relative and not reason else ():
                if other.relative or not other.first:
                    continue
                gap = text[min(t.end, other.end):max(t.start, other.start)]
                if len(_WORD.findall(gap)) <= APPOSITION_WORDS and _contradicts(t, other):
                    reason = REASONS["contradiction"].format(
                        resolved=t.resolved, other=other.text, other_resolved=other.resolved)
                    break
        flagged.append(replace(t, anomaly=True, reason=reason) if reason else t)
    return flagged


def _is_name(span: Span, sent: Span, lexicon: _Lexicon) -> bool:
    """True for an English bare month name not introduced by a preposition ("May said",
    "March on Rome": a capitalised "May" or "March" is as often a name or a verb) and for a
    capitalised deictic word inside a sentence ("USA Today"); ``sent``: the span's sentence."""
    if len(span) > 1:
        return False
    kinds = {k for k, _ in lexicon.words.get(span.text.lower(), ())}
    inside = span.start > sent.start
    if "deictic" in kinds:
        return inside and span.text[:1].isupper()
    previous = span.doc[span.start - 1].lower_ if inside else ""
    return "month" in kinds and previous not in _PREPOSITIONS["en"] | _MONTH_INTRODUCERS


def _is_signal(span: Span, lexicon: _Lexicon) -> bool:
    """True for a deictic word followed by "of" ("al momento del primo volo": at the time of the
    first flight): it introduces another event's time instead of naming the present."""
    if not any(k == "deictic" for k, _ in lexicon.words.get(
            normalise_apostrophes(span.text.lower()), ())) or span.end >= len(span.doc):
        return False
    following = normalise_apostrophes(span.doc[span.end].lower_)
    return any(k == "of" for k, _ in lexicon.words.get(following, ()))


def _published(parsed: ParsedArticle) -> date | None:
    value = parsed.article.published
    return value.date() if isinstance(value, datetime) else value


def find_times(parsed: ParsedArticle) -> list[TimeExpression]:
    """Find, resolve and check the time expressions of an article.

    Parameters
    ----------
    parsed : ParsedArticle
        An Italian or English article; its ``published`` date is the reference time.

    Returns
    -------
    list of TimeExpression
        In text order. Empty for a language without a time lexicon.

    References
    ----------
    Strötgen, J. and Gertz, M. (2013). Multilingual and cross-domain temporal tagging.
    *Language Resources and Evaluation* 47(2), 269-298. doi:10.1007/s10579-012-9179-y

    Examples
    --------
    >>> from analysis import Article, parse, find_times
    >>> article = Article("x", "Lo scorso giugno è stato firmato un accordo.", language="it",
    ...                   published=date(2025, 6, 26))
    >>> [(t.text, t.resolved) for t in find_times(parse(article))]
    [('scorso giugno', '2024-06-01/2024-06-30')]
    """
    lang = parsed.article.language
    if lang not in SUPPORTED_LANGUAGES:
        return []
    lexicon = _lexicon(lang)
    published = _published(parsed)
    text = parsed.article.text
    # each sentence's text sliced from the article (``Span.text`` rebuilds it token by token)
    matches = [(index, sent.start_char + m.start(), sent.start_char + m.end(), m.group())
               for index, sent in enumerate(parsed.sentences)
               for m in lexicon.grammar.finditer(text[sent.start_char:sent.end_char])]
    spans = [parsed.doc.char_span(start, end, alignment_mode="expand")
             for _, start, end, _ in matches]
    time_tokens = {i for span in spans for i in range(span.start, span.end)}
    times = []
    for (index, start, end, matched), span in zip(matches, spans):
        sent = span.sent  # the document's sentence, white space included
        if lang == "en" and _is_name(span, sent, lexicon) or _is_signal(span, lexicon):
            continue
        context, cue, distance = _clause_context(span, sent, lang, lexicon, time_tokens)
        parts = _parts(matched, lang)
        interval, relative, reason = _resolve(parts, published, context)
        first, last = interval if interval else (None, None)
        times.append(TimeExpression(start, end, text[start:end], index, first, last, relative,
                                    context, cue, distance, reason=reason,
                                    names=_names(parts)))
    return _flag(times, text, published)


def time_records(parsed: ParsedArticle) -> list[dict[str, Any]] | None:
    """The annotate contract's ``times`` value (None for a language without a time lexicon)."""
    if parsed.article.language not in SUPPORTED_LANGUAGES:
        return None
    return [t.to_record() for t in find_times(parsed)]


def time_frame(times: list[TimeExpression]) -> pd.DataFrame:
    """One row per expression: sentence, offsets, text, context and cue, resolution, flag."""
    columns = ["sentence", "start", "end", "text", "context", "cue", "relative", "resolved",
               "anomaly", "reason"]
    return pd.DataFrame([{c: getattr(t, c) for c in columns} for t in times], columns=columns)


def time_spans(times: list[TimeExpression]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` triples for :func:`analysis.display.highlight` (labels are the
    keys of :data:`TIME_COLORS`)."""
    return [(t.start, t.end, "flagged" if t.anomaly else
             "unresolved" if t.first is None else "time expression") for t in times]


def plot_timeline(times: list[TimeExpression], published: date | datetime | None, *, title: str,
                  ax: plt.Axes | None = None) -> plt.Axes:
    """The article's timeline: each resolved expression a bar over its interval (a diamond for
    a single day), in text order from top to bottom, flagged ones in their own colour, the
    publication date a dashed line.

    Returns
    -------
    matplotlib.axes.Axes
    """
    resolved = [t for t in times if t.first is not None]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(2.5, 0.4 * len(resolved) + 1.2)))
    for y, t in enumerate(resolved):
        color = TIME_COLORS["flagged" if t.anomaly else "time expression"]
        width = (t.last - t.first).days + 1  # type: ignore[operator]
        if width == 1:  # a single day is too thin for a bar: a diamond marks it
            ax.plot(mdates.date2num(t.first), y, marker="D", color=color, markersize=7)
        else:
            ax.barh(y, width, left=mdates.date2num(t.first), height=0.6, color=color)
    ax.set_yticks(range(len(resolved)),
                  [f"{t.text[:30]} (s{t.sentence})" for t in resolved])
    ax.invert_yaxis()
    handles = [plt.Rectangle((0, 0), 1, 1, color=TIME_COLORS[k])
               for k in ("time expression", "flagged")]
    labels = ["resolved expression", "flagged"]
    if published is not None:
        day = published.date() if isinstance(published, datetime) else published
        handles.append(ax.axvline(mdates.date2num(day), color="black", linestyle="--"))
        labels.append(f"published {day.isoformat()}")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(title)
    ax.set_xlabel("date")
    ax.set_ylabel("expression (sentence)")
    ax.grid(axis="y", visible=False)
    ax.legend(handles, labels, loc="best", fontsize=8)
    return ax

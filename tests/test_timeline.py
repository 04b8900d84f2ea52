"""Time expressions: detection, resolution against the publication date, and the flags."""

from __future__ import annotations

import json
import random
import re
from datetime import date, datetime

import pandas as pd
import pytest

from analysis import (
    Article,
    analyse,
    find_times,
    load_corpus,
    parse,
    plot_timeline,
    time_frame,
    time_records,
    timeline,
)
from analysis.paths import ANNOTATIONS_DIR

from .conftest import shared_corpus

PUBLISHED = date(2025, 6, 26)


def times_of(sentence: str, lang: str, published: date | datetime | None = PUBLISHED):
    return find_times(parse(Article("test", sentence, language=lang, published=published)))


def resolved(sentence: str, lang: str) -> list[tuple[str, str | None]]:
    return [(t.text, t.resolved) for t in times_of(sentence, lang)]


# --- detection and resolution, one rule a row, both languages ---------------------------------
@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    # absolute dates, months with a year, years, parts of a year
    ("Il vertice si terrà il 3 settembre 2025.", "it", [("3 settembre 2025", "2025-09-03")]),
    ("The summit will be held on September 3, 2025.", "en",
     [("September 3, 2025", "2025-09-03")]),
    ("Il trattato fu firmato il 19 giugno 2024.", "it", [("19 giugno 2024", "2024-06-19")]),
    ("The treaty was signed on 19 June 2024.", "en", [("19 June 2024", "2024-06-19")]),
    ("Nel 2019 le vendite sono calate.", "it", [("2019", "2019-01-01/2019-12-31")]),
    ("In 2019 sales fell.", "en", [("2019", "2019-01-01/2019-12-31")]),
    ("A gennaio 2024 il tasso è sceso.", "it", [("gennaio 2024", "2024-01-01/2024-01-31")]),
    ("In January 2024 the rate fell.", "en", [("January 2024", "2024-01-01/2024-01-31")]),
    ("Nella seconda metà del 2022 il PIL è cresciuto.", "it",
     [("seconda metà del 2022", "2022-07-01/2022-12-31")]),
    ("In the second half of 2022 output grew.", "en",
     [("second half of 2022", "2022-07-01/2022-12-31")]),
    ("Nel primo trimestre 2024 il PIL è cresciuto.", "it",
     [("primo trimestre 2024", "2024-01-01/2024-03-31")]),
    ("Prices fell in the first quarter of this year.", "en",
     [("first quarter of this year", "2025-01-01/2025-03-31")]),
    ("A metà 2024 il tasso è sceso.", "it", [("metà 2024", "2024-05-01/2024-08-31")]),
    ("In early 2024 rates fell.", "en", [("early 2024", "2024-01-01/2024-04-30")]),
    ("La siccità colpì il nord nell'estate del 2022.", "it",
     [("estate del 2022", "2022-06-01/2022-08-31")]),
    ("Drought hit the north in the summer of 2022.", "en",
     [("summer of 2022", "2022-06-01/2022-08-31")]),
    # relative to the publication date (26 June 2025)
    ("L'accordo è stato firmato lo scorso giugno.", "it",
     [("scorso giugno", "2024-06-01/2024-06-30")]),
    ("The treaty was signed last June.", "en", [("last June", "2024-06-01/2024-06-30")]),
    ("La cooperazione risale all'estate dello scorso anno.", "it",
     [("estate dello scorso anno", "2024-06-01/2024-08-31")]),
    ("The cooperation dates back to the summer of last year.", "en",
     [("summer of last year", "2024-06-01/2024-08-31")]),
    ("La scorsa estate ha piovuto poco.", "it", [("scorsa estate", "2024-06-01/2024-08-31")]),
    ("Last summer it rained little.", "en", [("Last summer", "2024-06-01/2024-08-31")]),
    ("Il governo presenterà il piano nei prossimi mesi.", "it",
     [("prossimi mesi", "2025-06-26/2025-09-26")]),
    ("The government will present the plan in the coming months.", "en",
     [("coming months", "2025-06-26/2025-09-26")]),
    ("Negli ultimi due anni i prezzi sono saliti.", "it",
     [("ultimi due anni", "2023-06-26/2025-06-26")]),
    ("Over the past two years prices rose.", "en", [("past two years", "2023-06-26/2025-06-26")]),
    ("La prossima settimana il consiglio si riunirà.", "it",
     [("prossima settimana", "2025-06-30/2025-07-06")]),
    ("Next month the board meets.", "en", [("Next month", "2025-07-01/2025-07-31")]),
    ("Quest'anno le vendite sono calate.", "it", [("Quest'anno", "2025-01-01/2025-12-31")]),
    ("Sales rose earlier this year.", "en", [("earlier this year", "2025-01-01/2025-06-26")]),
    ("The company will report results later this year.", "en",
     [("later this year", "2025-06-26/2025-12-31")]),
    ("Tre anni fa la situazione era diversa.", "it", [("Tre anni fa", "2022-01-01/2022-12-31")]),
    ("Two years ago the market crashed.", "en", [("Two years ago", "2023-01-01/2023-12-31")]),
    ("Ieri il ministro ha parlato.", "it", [("Ieri", "2025-06-25")]),
    ("Tomorrow the president will speak.", "en", [("Tomorrow", "2025-06-27")]),
    ("Lunedì scorso il parlamento ha votato.", "it", [("Lunedì scorso", "2025-06-23")]),
    ("Shares fell on Monday.", "en", [("Monday", "2025-06-23")]),
    ("Al momento non vi è alcuna conferma.", "it", [("Al momento", "2025-06-26")]),
    ("There is currently no confirmation.", "en", [("currently", "2025-06-26")]),
    # underspecified: the tense or mood of the clause decides (HeidelTime)
    ("Le truppe sono arrivate a marzo.", "it", [("marzo", "2025-03-01/2025-03-31")]),
    ("Le truppe arriveranno a marzo.", "it", [("marzo", "2026-03-01/2026-03-31")]),
    ("Troops arrived in March.", "en", [("March", "2025-03-01/2025-03-31")]),
    ("Troops will arrive in March.", "en", [("March", "2026-03-01/2026-03-31")]),
    ("L'offensiva potrebbe iniziare a fine estate.", "it",
     [("fine estate", "2025-08-01/2025-08-31")]),
    ("The offensive could start in late summer.", "en",
     [("late summer", "2025-08-01/2025-08-31")]),
    ("Il momento giusto è luglio.", "it", [("luglio", "2025-07-01/2025-07-31")]),
    ("Entro la fine dell'anno il cantiere sarà chiuso.", "it",
     [("fine dell'anno", "2025-09-01/2025-12-31")]),
    ("The plant will close by the end of next year.", "en",
     [("end of next year", "2026-09-01/2026-12-31")]),
    ("L'inverno scorso è stato mite.", "it", [("inverno scorso", "2024-12-01/2025-02-28")]),
    ("Last winter was mild.", "en", [("Last winter", "2024-12-01/2025-02-28")]),
    ("Durante il fine settimana i mercati sono restati chiusi.", "it",
     [("fine settimana", "2025-06-21/2025-06-22")]),
    # negatives: no time expression
    ("Il momento per agire è arrivato.", "it", []),
    ("Adesso il momento per agire è arrivato.", "it", [("Adesso", "2025-06-26")]),
    ("Now the time to act has come.", "en", [("Now", "2025-06-26")]),
    ("Il ministro ha parlato a lungo con 2.000 soldati.", "it", []),
    ("She may leave the party, May said.", "en", []),
    ("The story ran in USA Today last week.", "en", [("last week", "2025-06-16/2025-06-22")]),
    ("The minister spoke for a long time.", "en", []),
])
def test_detects_and_resolves(sentence, lang, expected):
    assert resolved(sentence, lang) == expected


@pytest.mark.parametrize(("sentence", "lang"), [
    ("L'accordo è stato firmato lo scorso giugno.", "it"),
    ("The treaty was signed last June.", "en"),
])
def test_offsets_point_into_the_text(sentence, lang):
    for t in times_of(sentence, lang):
        assert sentence[t.start:t.end] == t.text


# --- flags ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "lang", "reason_start"), [
    ("La Russia potrebbe attaccare nella seconda metà del 2023.", "it", "forecast ('potrebbe')"),
    ("Russia could attack in the second half of 2023.", "en", "forecast ('could')"),
    ("Il governo presenterà il piano nel 2024.", "it", "forecast ('presenterà')"),
    ("The government plans to present it in March 2024.", "en", "forecast ('plans')"),
    ("Il ministro ha inaugurato il ponte nel 2027.", "it", "past event ('inaugurato')"),
    ("The minister opened the bridge in 2027.", "en", "past event ('opened')"),
    ("La scorsa estate, nell'estate del 2022, la siccità colpì il nord.", "it",
     "relative date resolved to 2024-06-01/2024-08-31 contradicts 'estate del 2022'"),
    ("Last summer, in the summer of 2022, drought hit the north.", "en",
     "relative date resolved to 2024-06-01/2024-08-31 contradicts 'summer of 2022'"),
    ("Lunedì 24 giugno 2025 il parlamento ha votato.", "it", "relative date"),
    ("On Monday, June 24, 2025, parliament voted.", "en", "relative date"),
])
def test_flags_an_inconsistency(sentence, lang, reason_start):
    flagged = [t for t in times_of(sentence, lang) if t.anomaly]
    assert len(flagged) == 1
    assert flagged[0].reason.startswith(reason_start)


@pytest.mark.parametrize(("sentence", "lang"), [
    ("La Russia potrebbe attaccare nella seconda metà del 2026.", "it"),
    ("Russia could attack in the second half of 2026.", "en"),
    ("Il ministro ha inaugurato il ponte nel 2023.", "it"),
    ("The minister opened the bridge in 2023.", "en"),
    ("Lo scorso giugno, il 19 giugno 2024, è stato firmato il trattato.", "it"),
    ("Last June, on 19 June 2024, the treaty was signed.", "en"),
    ("Lunedì 23 giugno 2025 il parlamento ha votato.", "it"),
    ("On Monday, June 23, 2025, parliament voted.", "en"),
    # a forecast seen from the past cannot be checked against the publication date
    ("GM said it would close the plant in 2023.", "en"),
    ("Il governo aveva previsto di chiudere nel 2023.", "it"),
    # an expression that dates a noun takes no tense from the clause
    ("The company will honour the 1991 agreement.", "en"),
    ("Toyota will beat last year's profit.", "en"),
    # a deadline looks forward
    ("The plants will have been closed by 2027.", "en"),
    ("By 2005 the company had grown.", "en"),
    ("If the sale had gone through, the jets would have been delivered by 2011.", "en"),
])
def test_no_flag_on_consistent_dates(sentence, lang):
    assert not [t for t in times_of(sentence, lang) if t.anomaly]


@pytest.mark.parametrize(("sentence", "lang", "text", "reason"), [
    ("Di recente Ford ha tagliato i costi.", "it", "Di recente",
     "vague reference (TimeML PAST_REF): no calendar value"),
    ("Sales will soon rise.", "en", "soon",
     "vague reference (TimeML FUTURE_REF): no calendar value"),
    ("L'anno precedente le vendite erano calate.", "it", "anno precedente",
     "anaphoric: relative to another date in the text, not to publication"),
    ("The previous year sales had fallen.", "en", "previous year",
     "anaphoric: relative to another date in the text, not to publication"),
])
def test_unresolved_with_a_reason(sentence, lang, text, reason):
    (t,) = times_of(sentence, lang)
    assert (t.text, t.resolved, t.reason, t.anomaly) == (text, None, reason, False)


@pytest.mark.parametrize(("sentence", "lang"), [
    ("Il 31 febbraio non esiste.", "it"),
    ("February 31 does not exist.", "en"),
])
def test_impossible_day(sentence, lang):
    (t,) = times_of(sentence, lang)
    assert (t.resolved, t.reason) == (None, "day 31 does not exist in February")


def test_plot_timeline(seed_parsed):
    import matplotlib

    matplotlib.use("agg")
    times = find_times(seed_parsed)
    ax = plot_timeline(times, seed_parsed.article.published, title="timeline")
    assert ax.get_title() == "timeline"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[1] == "seconda metà del 2023 (s1)"
    assert ax.get_legend() is not None


def test_a_decade_is_not_a_year():
    assert resolved("In the late 1980s Apple added audio.", "en") == []


def test_without_a_publication_date():
    sentence = "Il trattato firmato il 19 giugno 2024 potrebbe cadere nel 2023 o il mese prossimo."
    times = times_of(sentence, "it", published=None)
    table = {t.text: t for t in times}
    assert table["19 giugno 2024"].resolved == "2024-06-19"
    assert table["2023"].resolved == "2023-01-01/2023-12-31"
    assert table["mese prossimo"].resolved is None
    assert table["mese prossimo"].reason == "relative expression: needs the publication date"
    assert not any(t.anomaly for t in times)


def test_a_datetime_publication_is_its_day():
    times = times_of("Ieri il ministro ha parlato.", "it", datetime(2025, 6, 26, 23, 59))
    assert times[0].resolved == "2025-06-25"


def test_language_without_lexicon():
    parsed = parse(Article("x", "Gestern hat der Minister gesprochen.", language="de",
                           published=PUBLISHED))
    assert find_times(parsed) == []
    assert time_records(parsed) is None


# --- the seed -------------------------------------------------------------------------------------
def test_seed_flags_the_2023_forecast_only(seed_parsed):
    flagged = [t for t in find_times(seed_parsed) if t.anomaly]
    assert [t.text for t in flagged] == ["seconda metà del 2023"]
    assert "2023-07-01/2023-12-31" in flagged[0].reason and "2025-06-26" in flagged[0].reason


def test_seed_matches_the_hand_annotation(seed_parsed):
    gold = pd.read_csv(ANNOTATIONS_DIR / "seed_times.csv")
    found = {(t.start, t.end): t for t in find_times(seed_parsed)}
    for row in gold.itertuples():
        t = found[(row.start, row.end)]
        assert (t.text, t.resolved, t.anomaly) == (row.text, row.resolved, bool(row.anomaly))


def test_annotate_record_has_times(seed_article):
    record = analyse(seed_article)
    times = record["times"]
    assert times and set(times[0]) == {"start", "end", "text", "resolved", "anomaly", "reason"}
    assert [t["text"] for t in times if t["anomaly"]] == ["seconda metà del 2023"]
    json.dumps(times)  # the record is JSON as it is


def test_time_frame_columns(seed_parsed):
    frame = time_frame(find_times(seed_parsed))
    assert list(frame.columns) == ["sentence", "start", "end", "text", "context", "cue",
                                   "relative", "resolved", "anomaly", "reason"]
    assert frame["start"].is_monotonic_increasing


# --- real text we did not tune on ----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_meantime_expressions_resolve(lang):
    path = shared_corpus("meantime", f"meantime_{lang}.jsonl")
    corpus = load_corpus(path, language=lang)
    times = [t for article in corpus for t in find_times(parse(article))]
    assert len(times) > 300  # Wikinews articles are dense with dates
    for t in times:
        if t.resolved is not None:
            first, _, last = t.resolved.partition("/")
            assert date.fromisoformat(first) <= date.fromisoformat(last or first)
    assert sum(t.anomaly for t in times) / len(times) < 0.02


def _without_look_ahead(pattern: str) -> str:
    """The grammar's pattern with its pre-filter ``(?=...)`` cut out (escapes respected)."""
    start = pattern.index("(?=")
    depth, i = 0, start
    while True:
        if pattern[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(pattern[i], 0)
        i += 1
        if depth == 0:
            return pattern[:start] + pattern[i:]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_grammar_pre_filter_changes_no_match(lang):
    """The look-ahead that skips word starts no expression can open with is only a speed-up:
    on text built from every lexicon word, the grammar without it finds the same extents."""
    import random
    import re

    from analysis.timeline import _lexicon

    grammar = _lexicon(lang).grammar
    plain = re.compile(_without_look_ahead(grammar.pattern))
    words = sorted(_lexicon(lang).words) + ["3", "15", "2024", "1990s", "the", "di", "news"]
    rng = random.Random(0)
    text = "\n".join(" ".join(rng.choice([w, w.capitalize()]) for w in rng.sample(words, 8))
                     for _ in range(3000))
    found = [m.span() for m in grammar.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]
    assert len(found) > 1000


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("capitalised", [False, True])
def test_trie_alternation_matches_as_a_flat_alternation_longest_first(lang, capitalised):
    # the grammar's word lists are tries; a flat alternation, longest word first, is the spec
    words = sorted(timeline._lexicon(lang).words)

    def flat_word(word: str) -> str:
        word = word[:1].upper() + word[1:] if capitalised else word
        return "".join(timeline._SYMBOLS.get(c) or re.escape(c) for c in word)
    flat = "|".join(flat_word(w) for w in sorted(words, key=len, reverse=True))
    flat = f"(?:{flat})" if capitalised else f"(?i:{flat})"
    trie, spec = re.compile(timeline._alt(words, capitalised)), re.compile(flat)
    rng = random.Random(0)
    variants = (str, str.capitalize, str.upper, lambda w: w.replace("'", "\u2019"))
    text = "\n".join(" ".join(rng.choice(variants)(w) for w in rng.sample(words, 6))
                     for _ in range(300))
    for start in range(len(text)):
        found, expected = trie.match(text, start), spec.match(text, start)
        assert (found and found.group()) == (expected and expected.group()), text[start:start + 40]

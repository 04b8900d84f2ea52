"""The one-page article profile: the text with its hedges, sources and flagged dates marked,
the key figures, and plain-language findings that each name the figure they come from.

The page is one self-contained HTML file (no script, no external resource) laid out for A4
paper. It is built from the annotate record (:func:`analysis.pipeline.analyse`), so it shows
exactly what ``media-workbook annotate`` reports. Article text is untrusted: every piece of it
is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import Article, Skipped, load_corpus
from .errors import RunError
from .nlp import parse
from .numbers import human
from .pipeline import analyse_parsed, record_words
from .sourcing import SourcingProfile, analyse_sourcing, sourcing_profile
from .vocabulary import keyness

#: Marks on the text: finding kind -> CSS class and legend entry.
MARKS = {
    "hedge": "hedging cue (uncertainty)",
    "source": "source of an attribution",
    "cue": "reporting cue (says, according to...)",
    "date_ok": "time expression",
    "date_flag": "time expression flagged as inconsistent",
}
_UNSAFE = re.compile(r"[^\w.-]+")  # characters not kept in a file name made from an id


@dataclass
class Figure:
    """One key figure: a name the findings refer to, its value and how it was computed."""

    name: str
    value: float | int | str
    unit: str
    how: str


@dataclass
class Finding:
    """A plain-language statement and the figure it comes from."""

    text: str
    figure: str


@dataclass
class Profile:
    """Everything the one-page profile shows for one article."""

    article: Article
    record: dict[str, Any]
    figures: dict[str, Figure]
    frames: pd.DataFrame
    key_terms: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)

    def figure_table(self) -> pd.DataFrame:
        """The key figures as a table (name, value, unit, how computed)."""
        return pd.DataFrame([vars(f) for f in self.figures.values()])


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def key_figures(record: dict[str, Any], sourcing: SourcingProfile) -> dict[str, Figure]:
    """Compute the profile's key figures.

    Parameters
    ----------
    record : dict
        The article's annotate record (:func:`analysis.pipeline.analyse_parsed`).
    sourcing : SourcingProfile
        The article's :func:`analysis.sourcing.sourcing_profile`: the sourcing figures are
        chapter 05's, so a pronoun and the name it stands for are one distinct source on
        both pages.

    Returns
    -------
    dict
        Figure name -> :class:`Figure`.
    """
    sentences = record["sentences"]
    words = record_words(record)
    hedges = record.get("hedges") or []  # None: language not analysed
    times = record.get("times") or []
    hedged = {h["sentence"] for h in hedges}
    flagged = [t for t in times if t["anomaly"]]
    figures = [
        Figure("words", words, "words", "words in the headline and body"),
        Figure("sentences", len(sentences), "sentences", "headline and body sentences"),
        Figure("hedge density", round(100 * len(hedges) / words, 2) if words else 0.0,
               "hedges per 100 words", "hedging cues / words x 100"),
        Figure("hedged sentences", _share(len(hedged), len(sentences)), "share",
               "sentences with at least one hedging cue / sentences"),
        Figure("attributed sentences", round(sourcing.attributed_share, 3), "share",
               "sentences with at least one attribution / sentences"),
        Figure("named sources", round(sourcing.named_share, 3), "share of attributions",
               "attributions to a named person, organisation or document / attributions"),
        Figure("distinct sources", sourcing.distinct_sources, "sources",
               "distinct sources; a pronoun counts as its person, an agentless cue has none"),
        Figure("direct quotes", round(sourcing.direct_quote_share, 3), "share of attributions",
               "attributions with a direct quotation / attributions"),
        Figure("flagged dates", len(flagged), "expressions",
               "time expressions whose resolved date contradicts the publication date"),
    ]
    return {f.name: f for f in figures}


def frame_scores_table(record: dict[str, Any]) -> pd.DataFrame:
    """Frame scores with their family (Media Frames Corpus dimension or generic frame)."""
    rows = [{"frame": name, "family": "generic" if name.islower() else "Media Frames Corpus",
             "score": round(score, 3)} for name, score in (record.get("frames") or {}).items()]
    table = pd.DataFrame(rows, columns=["frame", "family", "score"])
    return table.sort_values(["family", "score", "frame"], ascending=[True, False, True],
                             ignore_index=True)


def findings(figures: dict[str, Figure], frames: pd.DataFrame,
             record: dict[str, Any]) -> list[Finding]:
    """Plain-language findings; each one names the figure it is derived from."""
    out = []
    density = figures["hedge density"].value
    hedged = figures["hedged sentences"].value
    level = "heavily" if hedged >= 0.5 else "moderately" if hedged >= 0.2 else "lightly"
    out.append(Finding(
        f"The article is {level} hedged: {hedged:.0%} of its sentences carry at least one "
        f"uncertainty cue ({human(density)} cues per 100 words).", "hedged sentences"))
    n_attr = len(record.get("attributions") or [])
    if n_attr:
        named = figures["named sources"].value
        out.append(Finding(
            f"{named:.0%} of its {n_attr} attributions name a checkable source (a person, an "
            f"organisation or a document); the other {1 - named:.0%} rest on unnamed, vague or "
            "agentless sources.", "named sources"))
    else:
        out.append(Finding("No sentence is attributed to a source.", "attributed sentences"))
    flagged = [t for t in record.get("times") or [] if t["anomaly"]]
    for time in flagged:
        out.append(Finding(f"The date \u201c{time['text']}\u201d looks inconsistent: "
                           f"{time['reason']}.", "flagged dates"))
    for family in ("Media Frames Corpus", "generic"):
        top = frames[(frames["family"] == family) & (frames["score"] > 0)].head(1)
        if not top.empty:
            out.append(Finding(f"The strongest {family} frame is {top['frame'].iloc[0]} "
                               f"(score {human(top['score'].iloc[0])}).", "frame profile"))
    return out


def article_profile(article: Article, *, n_terms: int = 10) -> Profile:
    """Analyse one article and assemble its profile.

    Parameters
    ----------
    article : Article
    n_terms : int
        How many keyness terms to show.

    Returns
    -------
    Profile
    """
    parsed = parse(article)
    record = analyse_parsed(parsed)
    # The record keeps sources as written; the sourcing profile resolves pronouns, which needs
    # the Attribution objects (rerunning the sourcing rules on the parse costs about 3% of it).
    attributions, _ = analyse_sourcing(parsed)
    figures = key_figures(record, sourcing_profile(parsed, attributions))
    frames = frame_scores_table(record)
    try:
        terms = keyness(parsed, min_count=2).head(n_terms)
    except ValueError:  # too short for keyness: the profile says so instead of failing
        terms = pd.DataFrame(columns=["term", "count", "g2", "log_ratio"])
    profile = Profile(article, record, figures, frames, terms)
    profile.findings = findings(figures, frames, record)
    return profile


# --- HTML ----------------------------------------------------------------------------------------


def _marks(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    marks = [(h["start"], h["end"], "hedge") for h in record.get("hedges") or []]
    for a in record.get("attributions") or []:
        if a.get("source"):
            marks.append((a["source"]["start"], a["source"]["end"], "source"))
        if a.get("cue"):
            marks.append((a["cue"]["start"], a["cue"]["end"], "cue"))
    marks += [(t["start"], t["end"], "date_flag" if t["anomaly"] else "date_ok")
              for t in record.get("times") or []]
    return marks


def marked_text(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    """Escaped ``text[start:end]`` with every mark as a ``<mark>`` of its kinds' classes.

    Overlapping marks split the text at every boundary, so a character can carry several
    kinds at once (a hedge inside a source, say); line breaks become paragraphs.
    """
    cuts = sorted({start, end, *(p for a, b, _ in marks for p in (a, b) if start < p < end)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        kinds = sorted({kind for s, e, kind in marks if s <= a and b <= e})
        chunk = html.escape(text[a:b]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        pieces.append(f'<mark class="{" ".join(kinds)}">{chunk}</mark>' if kinds else chunk)
    return "<p>" + "".join(pieces) + "</p>"


_CSS = """
.mw-profile { font-family: Georgia, 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.45;
              max-width: 182mm; margin: 0 auto; color: #111; }
.mw-profile h1 { font-size: 16pt; margin: 0 0 4px; }
.mw-profile h2 { font-size: 12pt; margin: 14px 0 4px; border-bottom: 1px solid #999; }
.mw-profile .meta { color: #444; font-style: italic; margin: 0 0 8px; }
.mw-profile mark { background: none; color: inherit; padding: 0 1px; }
.mw-profile mark.hedge { background: #ffe08a; }
.mw-profile mark.source { border-bottom: 2.5px solid #0072B2; }
.mw-profile mark.cue { border-bottom: 2.5px dotted #0072B2; }
.mw-profile mark.date_ok { outline: 1.5px solid #009E73; }
.mw-profile mark.date_flag { outline: 2px solid #D55E00; background: #fbd3c0; }
.mw-profile .legend span { margin-right: 12px; white-space: nowrap; display: inline-block; }
.mw-profile table { border-collapse: collapse; font-size: 9.5pt; margin: 4px 0; }
.mw-profile td, .mw-profile th { border-bottom: 1px solid #ddd; padding: 2px 8px;
                                  text-align: left; }
.mw-profile .bar { display: inline-block; height: 9px; background: #0072B2;
                   vertical-align: middle; }
.mw-profile .columns { display: flex; gap: 18px; } .mw-profile .columns > div { flex: 1; }
.mw-profile li { margin-bottom: 3px; } .mw-profile .figure-ref { color: #555; font-size: 9pt; }
@media print { .mw-profile .columns { break-inside: avoid; } }
"""
#: Page rules that only the standalone page carries (a notebook has its own page).
_PAGE_CSS = "@page { size: A4; margin: 16mm 14mm; } body { margin: 0; }"


def _table(rows: list[list[str]], header: list[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bar(score: float, top: float) -> str:
    width = 0 if top <= 0 else round(60 * score / top)
    return f'<span class="bar" style="width:{width}px"></span> {score:.3f}'


@dataclass
class WrittenProfiles:
    """What :func:`write_profiles` did: the pages written, and the inputs skipped with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def page_names(ids: list[str]) -> list[str]:
    """One file name per article id, safe on every file system and never the same twice.

    Characters other than letters, digits, ``.``, ``-`` and ``_`` become ``_``; a name already
    taken (ignoring case, as on macOS and Windows) gets ``-2``, ``-3``... before ``.html``.
    """
    names, taken = [], set()
    for article_id in ids:
        stem = _UNSAFE.sub("_", article_id).strip(".") or "article"
        name, n = stem, 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.lower())
        names.append(name + ".html")
    return names


def write_profiles(path: str | Path, out: str | Path,
                   columns: dict[str, str] | None = None) -> WrittenProfiles:
    """Write the profile page of every article in ``path``.

    One article: ``out`` is the HTML file. Several: ``out`` is a folder, one ``<id>.html`` per
    article (:func:`page_names`: ids that would give the same file name get numbered).
    ``columns`` renames the fields of CSV/JSONL tables (see :func:`analysis.load_table`).

    Returns
    -------
    WrittenProfiles
        The files written and the inputs that could not be read, with the reason.

    Raises
    ------
    CorpusError
        When ``path`` cannot be read or holds no readable article.
    RunError
        When ``out`` must be a folder and is an existing file.
    """
    corpus = load_corpus(path, columns=columns)
    out = Path(out)
    if len(corpus) == 1 and out.suffix.lower() in (".html", ".htm"):
        targets = [(corpus[0], out)]
    else:
        if out.exists() and not out.is_dir():
            raise RunError("out_is_file", out)
        out.mkdir(parents=True, exist_ok=True)
        names = page_names([a.id for a in corpus])
        targets = [(a, out / name) for a, name in zip(corpus, names, strict=True)]
    for article, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_profile(article_profile(article)), encoding="utf-8")
    return WrittenProfiles([target for _, target in targets], list(corpus.skipped))


def profile_html(profile: Profile) -> str:
    """The profile as an escaped HTML fragment with its own scoped style (for notebooks)."""
    article, record = profile.article, profile.record
    esc = html.escape
    meta = " \u00b7 ".join(esc(str(v)) for v in (article.outlet, record["published"],
                                                  f"language: {article.language}") if v)
    marks = _marks(record)
    regions = article.content_spans()
    text = "".join(marked_text(article.text, a, b, marks) for a, b in regions)
    legend = "".join(f'<span><mark class="{kind}">{esc(label)}</mark></span>'
                     for kind, label in MARKS.items())
    figures = _table([[esc(f.name), esc(human(f.value, share=f.unit.startswith("share"))),
                       esc(f.unit), esc(f.how)]
                      for f in profile.figures.values()], ["figure", "value", "unit", "how"])
    frame_blocks = []
    for family, group in profile.frames.groupby("family", sort=True):
        top = group.head(5)
        frame_blocks.append(f"<h3>{esc(family)}</h3>" + _table(
            [[esc(r.frame), _bar(r.score, top["score"].max())] for r in top.itertuples()],
            ["frame", "score"]))
    terms = _table([[esc(str(r.term)), esc(str(r.count)), f"{r.g2:.1f}", f"{r.log_ratio:.2f}"]
                    for r in profile.key_terms.itertuples()],
                   ["term", "count", "G2", "log ratio"]) if len(profile.key_terms) else (
        "<p>Too short for keyness.</p>")
    finding_items = "".join(
        f"<li>{esc(f.text)} <span class=\"figure-ref\">(figure: {esc(f.figure)})</span></li>"
        for f in profile.findings)
    title = esc(article.title or article.id)
    return f"""<div class="mw-profile"><style>{_CSS}</style>
<h1>{title}</h1>
<p class="meta">{meta}</p>
<h2>Findings</h2><ul>{finding_items}</ul>
<h2>The text</h2>
<p class="legend"><strong>Legend:</strong> {legend}</p>
{text}
<h2>Key figures</h2>{figures}
<div class="columns"><div><h2>Frame profile</h2>{"".join(frame_blocks)}</div>
<div><h2>Key terms (keyness against general {esc(article.language)})</h2>{terms}</div></div>
<p class="figure-ref">Made with the media analysis workbook. Hedges, sources, dates and frames
are found by rules and lexicons: read each mark as a prompt to check, not a verdict.</p>
</div>"""


def render_profile(profile: Profile) -> str:
    """The profile as one self-contained HTML page laid out for A4 (no script, no external
    resource; a Content-Security-Policy forbids both)."""
    title = html.escape(profile.article.title or profile.article.id)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Article profile: {title}</title><style>{_PAGE_CSS}</style></head>
<body>{profile_html(profile)}</body></html>
"""

"""Evaluation against PolNeAR (Newell, Margolin and Ruths 2018, brat standoff)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..evaluation import Scores, span_scores
from ..nlp import ParsedArticle
from .records import SpanList
from .summary import analyse_sourcing


def read_brat_attributions(path: str | Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Source and cue spans ``(start, end)`` of one PolNeAR brat ``.ann`` file.

    Each ``E`` line ties an attribution's ``Source`` and ``Cue`` text-bound annotations;
    discontinuous spans are taken from their first to their last character.
    """
    spans: dict[str, tuple[int, int]] = {}
    sources, cues = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, *offsets = parts[1].replace(";", " ").split()
            spans[parts[0]] = (int(offsets[0]), int(offsets[-1]))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split())
            for role, bucket in (("Source", sources), ("Cue", cues)):
                if role in roles and roles[role] in spans:
                    bucket.append(spans[roles[role]])
    return sources, cues


def polnear_split(folder: str | Path, limit: int | None = None) -> list[tuple[str, str, Path]]:
    """``(name, text, annotation file)`` for the articles of one PolNeAR split folder.

    An article annotated by several annotators is scored against the first ``.ann`` file in
    name order.
    """
    folder = Path(folder)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    items = [(name, (folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), ann)
             for name, ann in sorted(chosen.items())]
    return items[:limit] if limit else items


def rule_spans(parsed: ParsedArticle) -> tuple[SpanList, SpanList]:
    """The rule extractor's source and cue spans ``(start, end)`` for one parsed article."""
    attributions, _ = analyse_sourcing(parsed)
    return ([(a.source.start, a.source.end) for a in attributions if a.source is not None],
            [(a.cue.start, a.cue.end) for a in attributions])


def _polnear_parsed(items: Sequence[tuple[str, str, Path]]
                    ) -> tuple[list[str], list[ParsedArticle], list[tuple[SpanList, SpanList]]]:
    from ..corpus import parse_article
    from ..nlp import parse

    parsed = [parse(parse_article(text, id=name, format="plain", language="en"))
              for name, text, _ in items]
    return ([name for name, _, _ in items], parsed,
            [read_brat_attributions(ann) for _, _, ann in items])


def polnear_data(folder: str | Path, limit: int | None = None
                 ) -> tuple[list[str], list[ParsedArticle], list[tuple[SpanList, SpanList]]]:
    """Names, parsed articles and gold ``(sources, cues)`` of a PolNeAR split folder.

    Articles are plain English text; the gold is the first annotation file in name order
    (:func:`polnear_split`).
    """
    return _polnear_parsed(polnear_split(folder, limit))


def evaluate_spans(names: Sequence[str], parsed: Sequence[ParsedArticle],
                   gold: Sequence[tuple[SpanList, SpanList]],
                   extract: Callable[[ParsedArticle], tuple[SpanList, SpanList]] = rule_spans,
                   ) -> dict[str, Scores]:
    """Score a span extractor against gold spans: source and cue, overlap and exact.

    Parameters
    ----------
    names : sequence of str
        Document keys (article ids).
    parsed : sequence of ParsedArticle
    gold : sequence of (sources, cues)
        Character spans per article (:func:`polnear_data`).
    extract : callable
        ``extract(parsed) -> (sources, cues)``: the rules (:func:`rule_spans`, the default) or
        a learned tagger's ``predict_spans`` (:mod:`analysis.sourcing.tagger`).

    Returns
    -------
    dict of str to Scores
        Keys ``"source overlap"``, ``"source exact"``, ``"cue overlap"``, ``"cue exact"``.
    """
    predicted: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    expected: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    for name, article, spans in zip(names, parsed, gold):
        for kind, found, wanted in zip(("source", "cue"), extract(article), spans):
            predicted[kind] += [(name, s, e) for s, e in found]
            expected[kind] += [(name, s, e) for s, e in wanted]
    return {f"{kind} {match}": span_scores(predicted[kind], expected[kind], match)
            for kind in ("source", "cue") for match in ("overlap", "exact")}


def evaluate_polnear(items: Sequence[tuple[str, str, Path]],
                     extract: Callable[[ParsedArticle], tuple[SpanList, SpanList]] = rule_spans,
                     ) -> dict[str, Scores]:
    """Source and cue span scores (overlap and exact) of an extractor (the rules by default)
    on PolNeAR articles ``(name, text, annotation file)`` from :func:`polnear_split`."""
    return evaluate_spans(*_polnear_parsed(items), extract)

"""``analyse(article)``: the one entry point that parses an article once and runs every
detector on the same parsed document, giving the record of the annotate contract
(``shared/design/README.md``). ``analyse_many(articles)`` gives the same records for many
articles, a batch at a time (the corpus paths use it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from .corpus import Article
from .framing import frame_scores
from .hedging import hedge_records
from .nlp import ParsedArticle, parse
from .sourcing import sourcing_records
from .timeline import time_records

_WORD = re.compile(r"\w+")

#: The detectors, in record order: the key (or keys) each one fills, and the function that
#: reads a parsed article.
DETECTORS: list[tuple[tuple[str, ...], Callable[[ParsedArticle], Any]]] = [
    (("attributions", "quotes"), sourcing_records),
    (("frames",), frame_scores),
    (("hedges",), hedge_records),
    (("times",), time_records),
]
#: Articles parsed and analysed together by :func:`analyse_many`.
BATCH_SIZE = 64


def record_words(record: dict[str, Any]) -> int:
    """Words in a record's sentences (headline and body): runs of letters and digits."""
    text = record["text"]
    return sum(len(_WORD.findall(text[s["start"]:s["end"]])) for s in record["sentences"])


def metadata(parsed: ParsedArticle) -> dict[str, Any]:
    """The contract's metadata and sentence keys for one parsed article."""
    article = parsed.article
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published_iso,
        "language": article.language,
        "text": article.text,
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in parsed.sentences],
    }


def analyse(article: Article) -> dict[str, Any]:
    """Parse ``article`` once and return its annotate record.

    Parameters
    ----------
    article : Article

    Returns
    -------
    dict
        The keys of the annotate contract that the workbook's capabilities provide, plus
        ``skipped`` (None for an analysed article).
    """
    return analyse_parsed(parse(article))


def analyse_parsed(parsed: ParsedArticle) -> dict[str, Any]:
    """The annotate record of an article already parsed (see :func:`analyse`)."""
    record = metadata(parsed)
    for keys, detector in DETECTORS:  # each detector reads the same parsed document
        _store(record, keys, detector(parsed))
    record["skipped"] = None
    return record


def _store(record: dict[str, Any], keys: tuple[str, ...], value: Any) -> None:
    """Put a detector's value under its key, or its values under its keys."""
    if len(keys) == 1:
        record[keys[0]] = value
    else:
        record.update(zip(keys, value, strict=True))


def failed_record(article: Article, err: Exception) -> dict[str, Any]:
    """The record of an article whose analysis raised: its id, path (or id) and the reason."""
    return {"id": article.id, "path": article.path or article.id,
            "skipped": f"analysis failed: {type(err).__name__}: {err}"}


def analyse_many(articles: Iterable[Article], batch_size: int = BATCH_SIZE
                 ) -> Iterator[dict[str, Any]]:
    """The records of :func:`analyse` for many articles, in order, a batch at a time.

    Each batch is parsed, then each detector runs over the whole batch before the next one
    starts. The records are the same as one :func:`analyse` call per article; running one
    detector over many documents keeps its code and tables warm in the processor's caches,
    which makes the corpus analysis about a tenth faster (``benchmarks/bench_scale.py``).

    Parameters
    ----------
    articles : iterable of Article
    batch_size : int
        Articles held parsed at once.

    Yields
    ------
    dict
        One record per article. An article whose parsing or a detector raises gives
        ``{"id", "path", "skipped"}`` with the reason instead (:func:`failed_record`); the
        others are analysed as usual: nothing is lost.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    articles = iter(articles)
    while batch := list(islice(articles, batch_size)):
        records: list[dict[str, Any]] = []
        parsed: dict[int, ParsedArticle] = {}  # position in the batch -> parsed article
        for position, article in enumerate(batch):
            try:
                document = parse(article)
                records.append(metadata(document))
                parsed[position] = document
            except Exception as err:  # noqa: BLE001 - recorded, never lost
                records.append(failed_record(article, err))
        for keys, detector in DETECTORS:
            for position, document in list(parsed.items()):
                try:
                    _store(records[position], keys, detector(document))
                except Exception as err:  # noqa: BLE001 - recorded, never lost
                    records[position] = failed_record(batch[position], err)
                    del parsed[position]
        for position in parsed:
            records[position]["skipped"] = None
        yield from records

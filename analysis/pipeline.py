"""``analyse(article)``: the one entry point that parses an article once and runs every
detector on the same parsed document, giving the record of the annotate contract
(``shared/design/README.md``)."""

from __future__ import annotations

import re
from typing import Any

from .corpus import Article
from .framing import frame_scores
from .hedging import hedge_records
from .nlp import ParsedArticle, parse
from .sourcing import sourcing_records
from .timeline import time_records

_WORD = re.compile(r"\w+")


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
    # each detector adds its key below, from the same parsed document
    record["attributions"], record["quotes"] = sourcing_records(parsed)
    record["frames"] = frame_scores(parsed)
    record["hedges"] = hedge_records(parsed)
    record["times"] = time_records(parsed)
    record["skipped"] = None
    return record

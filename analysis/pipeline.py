"""``analyse(article)``: the one entry point that parses an article once and runs every
detector on the same parsed document, giving the record of the annotate contract
(``shared/design/README.md``)."""

from __future__ import annotations

from typing import Any

from .corpus import Article
from .nlp import ParsedArticle, parse


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
    parsed = parse(article)
    record = metadata(parsed)
    # each detector adds its key below, from the same parsed document
    record["skipped"] = None
    return record

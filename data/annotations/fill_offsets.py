"""Fill the character offsets of an annotation draft (GUIDELINES.md, section 5).

Usage: python data/annotations/fill_offsets.py DRAFT.jsonl CORPUS.jsonl OUT.jsonl

A draft line is an article's annotation in which every span (a hedge, a cue, a source) gives its
exact ``text`` and an ``occurrence`` (1 = the first place that string occurs in the article's
``text``, counted as in the guidelines) instead of ``start`` and ``end``. The output has ``start``
and ``end`` in place of ``occurrence``. Every problem (an unknown article id, a span that does
not occur, an occurrence past the last one) is listed with the article and the span, and nothing
is written unless there is none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def locate(text: str, span: str, occurrence: int) -> int | None:
    """Start of the ``occurrence``-th place (1-based) where ``span`` occurs in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(span, start + 1)
        if start < 0:
            return None
    return start


def fill(span: dict, text: str, where: str, problems: list[str]) -> dict:
    """The span with ``start``/``end`` for its ``occurrence`` (a problem is recorded instead)."""
    if "start" in span and "end" in span and "occurrence" not in span:
        if text[span["start"]:span["end"]] != span["text"]:
            problems.append(f"{where}: text[{span['start']}:{span['end']}] is not {span['text']!r}")
        return span
    start = locate(text, span["text"], int(span.get("occurrence", 1)))
    if start is None:
        problems.append(f"{where}: {span['text']!r} occurrence {span.get('occurrence', 1)} "
                        "not found")
        return span
    filled = {key: value for key, value in span.items() if key != "occurrence"}
    filled.update(start=start, end=start + len(span["text"]))
    return filled


def main(draft: Path, corpus: Path, out: Path) -> int:
    texts = {row["id"]: row["text"] for row in map(json.loads, corpus.open(encoding="utf-8"))}
    problems: list[str] = []
    lines = []
    for number, line in enumerate(draft.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = texts.get(record["id"])
        if text is None:
            problems.append(f"{draft}:{number}: unknown article id {record['id']!r}")
            continue
        where = f"{draft}:{number} ({record['id']})"
        record["hedges"] = sorted((fill(h, text, f"{where} hedge", problems)
                                   for h in record.get("hedges", [])),
                                  key=lambda h: h.get("start", -1))
        attributions = []
        for attribution in record.get("attributions", []):
            attribution["cue"] = fill(attribution["cue"], text, f"{where} cue", problems)
            if attribution.get("source"):
                attribution["source"] = fill(attribution["source"], text, f"{where} source",
                                             problems)
            attributions.append(attribution)
        record["attributions"] = sorted(attributions, key=lambda a: a["cue"].get("start", -1))
        lines.append(json.dumps(record, ensure_ascii=False))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problems: nothing written", file=sys.stderr)
        return 1
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} articles written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))

"""Sourcing: who says what. Attributions (source, cue, content), quotations and source types.

An *attribution* ties a piece of content to the one it comes from through a *cue*: a reporting
verb ("riferiscono", "said"), a preposition ("secondo", "according to"), an agentless passive
("è stato riferito", "it was reported") or punctuation (a colon or a dash beside a quotation).
This is the attribution relation of the PARC corpora (Pareti 2016) and PolNeAR (Newell,
Margolin and Ruths 2018).

The package follows the data, one module per step:

- :mod:`.records`: the records (text spans, quotations, attributions, the profile) and the
  source types;
- :mod:`.words`: the word table, the closed-class words and the lexicons
  (``reporting_verbs_<lang>.csv``, ``source_nouns_<lang>.csv``, ``content_nouns_<lang>.csv``);
- :mod:`.quotations`: quotations in every quote-mark style, direct or partial;
- :mod:`.syntax`: what the dependency parse says about a verb's clause;
- :mod:`.sources`: the source phrase of a cue and its type;
- :mod:`.cues`: the cues of the lexicon, and the verb cues read from the parse;
- :mod:`.attributions`: :func:`find_attributions`;
- :mod:`.summary`: the profile, the attribution table, the claim ledger, corpus rows;
- :mod:`.polnear`: scoring against PolNeAR;
- :mod:`.tagger`: the learned English tagger (a CRF).

On the trained Italian pipeline a verb cue is read from the parse: it counts only with a content
(a clausal complement, *di* + infinitive, a quotation, or a noun of plan or change after verbs
that take one), and its source is its subject (with appositions and titles), the agent of a
passive, a relative pronoun's antecedent, the subject of the verb governing it, or, when none is
written ("«…», ha aggiunto"), the speaker of the attribution before it (``dropped_subject``).
English keeps the word walk (from the cue over the tokens next to it) whose spans follow
PolNeAR's conventions (auxiliaries in the cue, appositions and relative clauses in an inverted
source); the Italian spans follow ``data/annotations/GUIDELINES.md``.

Quotations are found first, with every quote-mark style (``"..."``, ``“...”``, ``«...»``,
``‘...’``, ``'...'``). A quotation introduced by punctuation (colon, comma, dash, the start of
the sentence) or by a reporting verb is *direct*; one inside the running sentence is *partial*
(scare quotes, quoted fragments). A quote left open at a paragraph break ends there and is
continued by the next paragraph's quotation; an odd number of marks never raises.

References
----------
Pareti, S. (2016). PARC 3.0: A Corpus of Attribution Relations. LREC 2016.
Newell, E., Margolin, D. and Ruths, D. (2018). An Attribution Relations Corpus for Political
News. LREC 2018.
Krestel, R., Bergler, S. and Witte, R. (2008). Minding the Source: Automatic Tagging of Reported
Speech in Newspaper Articles. LREC 2008.
"""

from .attributions import find_attributions
from .polnear import (
    evaluate_polnear,
    evaluate_spans,
    polnear_data,
    polnear_split,
    read_brat_attributions,
    rule_spans,
)
from .quotations import content_span, find_quotes, quote_kind
from .records import (
    NAMED_TYPES,
    SOURCE_TYPES,
    Attribution,
    Quote,
    SourcingProfile,
    SpanList,
    TextSpan,
    text_span,
)
from .sources import source_typer, type_source
from .summary import (
    analyse_sourcing,
    attribution_frame,
    claim_ledger,
    claim_scope,
    corpus_sourcing,
    sourcing_profile,
    sourcing_records,
)
from .words import DASHES, PRONOUNS, source_nouns

__all__ = [
    "DASHES", "NAMED_TYPES", "PRONOUNS", "SOURCE_TYPES", "Attribution", "Quote", "SourcingProfile",
    "SpanList", "TextSpan", "analyse_sourcing", "attribution_frame", "claim_ledger", "claim_scope",
    "content_span", "corpus_sourcing", "evaluate_polnear", "evaluate_spans", "find_attributions",
    "find_quotes", "polnear_data", "polnear_split", "quote_kind", "read_brat_attributions",
    "rule_spans", "source_nouns", "source_typer", "sourcing_profile", "sourcing_records",
    "text_span", "type_source",
]

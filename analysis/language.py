"""Language identification, one document at a time.

Uses py3langid, a maintained fork of langid.py (Lui and Baldwin 2012, "langid.py: An
Off-the-shelf Language Identification Tool", ACL System Demonstrations), whose model ships
inside the package: no download at run time.
"""

from __future__ import annotations

import re

import py3langid

from .errors import message

#: Languages whose detectors, lexicons and lemma tables the workbook provides.
SUPPORTED_LANGUAGES = ("it", "en")
UNDETERMINED = "und"


def check_language(language: str, what: str) -> None:
    """Raise ValueError unless ``language`` is one of :data:`SUPPORTED_LANGUAGES`.

    Parameters
    ----------
    language : str
        A language code such as ``"it"``.
    what : str
        What needs the language (``"hedging"``, ``"the frame lexicon"``), for the message.
    """
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(message("language", what=what, allowed=SUPPORTED_LANGUAGES,
                                 value=language))


_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
# Below this many letters the classifier's guess is noise: report "und" instead.
MIN_LETTERS = 3


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language of ``text``.

    Parameters
    ----------
    text : str
        Any text; longer texts are identified more reliably.

    Returns
    -------
    str
        A two-letter code such as ``"it"`` or ``"en"``, or ``"und"`` (undetermined) when the
        text has fewer than three letters.

    Examples
    --------
    >>> detect_language("Secondo alcune fonti, la Corea del Nord starebbe fornendo armi.")
    'it'
    """
    if len(_LETTERS.findall(text)) < MIN_LETTERS:
        return UNDETERMINED
    code, _ = py3langid.classify(text)
    return code

"""The one normalization every offset points into.

It is deliberately conservative (the report shows this text to users): Unicode
NFC, one newline convention, no invisible characters. Quote styles and case are
left alone here and folded only in tokens.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: deleting them from the UTF-8 (where each is one byte of its own)
# tells whether a text holds any four times faster than the regex finds none.
_CONTROL_BYTES = bytes(c for c in range(128) if _CONTROL.match(chr(c)))
# Only runs that need rewriting match (not every single space), which keeps this pass fast on big corpora.
_SPACES = re.compile(
    r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*| [ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+"
)
# One space character other than the plain space: the test that lets a non-ASCII text skip _SPACES.
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_MANY_BREAKS = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """Return the normalized form of ``text``; normalizing twice changes nothing.

    Invisible characters go before composition, so that an accent separated
    from its letter by a zero-width space composes with it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    plain = text.isascii()  # then it holds no invisible character and is already NFC
    if not plain:
        text = _INVISIBLE.sub("", text)
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        text = _CONTROL.sub(" ", text)
    if not plain and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # A one-class pattern is scanned for in C; _SPACES (an alternation) is tried at every character.
    if "  " in text or "\t" in text or (not plain and _ODD_SPACE.search(text)):
        text = _SPACES.sub(" ", text)
    # Every space is now a lone " ", so dropping the spaces next to line breaks is two replaces.
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if "\n\n\n" in text:
        text = _MANY_BREAKS.sub("\n\n", text)
    return text.strip()

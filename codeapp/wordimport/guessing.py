"""The kind of a norm guessed from its wording: a prohibition, an obligation or an aspiration.

Only a guess, and shown as one: the editor confirms or corrects every kind before the code
lands in the draft. Prohibitions are looked for first, since most of them also contain an
obligation's word ("je mag niet", "you must not").
"""

import re

PROHIBITION = "prohibition"
OBLIGATION = "obligation"
ASPIRATION = "aspiration"

_PROHIBITION = re.compile(
    r"\b(?:mag|mogen)\b[^.;:]*?\b(?:niet|geen)\b|\bverboden\b|"
    r"\bniet\s+toegestaan\b|\bniet\s+toegelaten\b|\bnooit\b|\bgeen\s+\w+\s+aan\b|"
    r"\bmust\s+not\b|\bmustn't\b|\bmay\s+not\b|\bshall\s+not\b|\bis\s+not\s+allowed\b|"
    r"\bare\s+not\s+allowed\b|\bis\s+prohibited\b|\bare\s+prohibited\b|\bnever\b|\bforbidden\b",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(
    r"\bmoet\b|\bmoeten\b|\bmeldt\b|\bmelden\b|\bis\s+verplicht\b|\bzijn\s+verplicht\b|"
    r"\bverplicht\b|\bdient\b|\bdienen\b|\bmust\b|\bshall\b|\bare\s+required\b|"
    r"\bis\s+required\b|\breport\b|\breports\b",
    re.IGNORECASE,
)


def guess_kind(text: str) -> str:
    """`prohibition`, `obligation` or `aspiration`, from the words the norm uses."""
    if _PROHIBITION.search(text):
        return PROHIBITION
    if _OBLIGATION.search(text):
        return OBLIGATION
    return ASPIRATION

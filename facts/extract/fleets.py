"""What is bought for a fleet Morocco has: 'additional ammunition for the F-16 fighter jets', 'des pièces
de rechange pour les Mirage F1', 'additional F-16 ammunition'. The system names the fleet served, not
equipment bought; some of what serves it is a purchase of its own ('F-16 ammunition')."""

from __future__ import annotations

import re

from .. import lexicon as lx
from .context import SentenceInfo
from .mentions import SystemMention

_SUPPORT = lx.grammar()["support_for"]
_SERVED = re.compile(
    rf"\b(?P<noun>{lx.alternation(_SUPPORT['nouns'])})\b[^,;.]{{0,40}}?\s(?:{lx.alternation(_SUPPORT['prepositions'])})"
    r"\s+(?:\S+\s+){0,2}$"
)


_SERVING = re.compile(rf"\s*(?P<noun>{lx.alternation(_SUPPORT['after_system'])})\b")


def serves_a_fleet(info: SentenceInfo, system: SystemMention) -> bool:
    """'a possible sale of additional ammunition for the F-16 fighter jets', 'additional F-16 ammunition':
    the F-16 is the fleet the ammunition is for, not equipment bought."""
    return fleet_support(info, system) is not None


def fleet_support(info: SentenceInfo, system: SystemMention) -> str | None:
    """What is bought for the fleet the system names ('ammunition', 'upgrades'), folded; None if it names
    no fleet served."""
    m = _SERVED.search(info.folded[max(0, system.start - 80) : system.start]) or _SERVING.match(
        info.folded, system.end)
    return m.group("noun") if m else None

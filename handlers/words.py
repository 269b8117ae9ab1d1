"""The words answers use for the fact base's codes (status, relation, category, event type), marked
for the catalogue: an answer shows ``word(TABLE, code)``, English or French. Shared by the
commands and the digest so both say "hélicoptère" for ``helicopter``."""

from __future__ import annotations

from handlers.i18n import N_, tr

STATUS_WORDS = {"approved": N_("sale approved"), "ordered": N_("ordered"), "delivered": N_("delivered"),
                "donated": N_("donated"), "negotiating": N_("under negotiation"), "cancelled": N_("dropped")}
RELATION_WORDS = {"acquisition": N_("arms supplies"), "agreement": N_("agreements"), "meeting": N_("meetings"),
                  "visit": N_("visits"), "exercise": N_("exercises"), "training": N_("training"),
                  "industry": N_("industry"), "cooperation": N_("cooperation")}
# The words the answers use for a kind of equipment (``facts.models.CATEGORIES``) and of event.
CATEGORY_WORDS = {"drone": N_("drone"), "helicopter": N_("helicopter"), "aircraft": N_("aircraft"),
                  "missile": N_("missile"), "air-defence": N_("air-defence"), "ship": N_("ship"),
                  "artillery": N_("artillery"), "vehicle": N_("vehicle"), "other": N_("other")}
EVENT_WORDS = {"meeting": N_("meeting"), "visit": N_("visit"), "agreement": N_("agreement"),
               "exercise": N_("exercise"), "training": N_("training"), "delivery": N_("delivery"),
               "order": N_("order"), "other": N_("other"), "event": N_("event")}


def word(table: dict[str, str], key: str) -> str:
    """A table's word for ``key`` in the current language; an unknown key as it is."""
    return tr(table[key]) if key in table else key

"""A small hand-written fact base shaped like the seeds, for handler tests that must not
depend on the compiler's extraction quality (and run before it exists)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facts.store import DocumentRow, connect, write_document

DOCS: list[dict[str, Any]] = [
    {
        "name": "000_tr.txt", "title": "Le Maroc renforce sa coopération militaire avec la Turquie",
        "published": None, "source": "lareleve.ma",
        "facts": [
            {"kind": "partner", "country": "TR",
             "quote": "Une délégation turque de l'industriel Emtekno s'est rendue récemment au Maroc."},
            {"kind": "acquisition", "system": "Bayraktar TB2", "category": "drone", "supplier": "TR",
             "manufacturer": "Baykar", "quantity": None, "value": None, "year": None,
             "quote": "l'acquisition par le Maroc de drones turcs Bayraktar TB2"},
            {"kind": "prospect", "system": "T-129 ATAK", "category": "helicopter", "supplier": "TR",
             "manufacturer": "Turkish Aerospace", "quantity": None, "value": None, "year": None,
             "status": "cancelled", "quote": "Rabat avait négocié l'achat d'hélicoptères T-129 avant d'y renoncer."},
        ],
    },
    {
        "name": "002_in.txt", "title": "Le Maroc et l'Inde resserrent leurs liens", "published": "2025-03-30",
        "source": "le360.ma",
        "facts": [
            {"kind": "partner", "country": "IN",
             "quote": "Le secrétaire à la production de défense de l'Inde."},
            {"kind": "event", "date": "2025-03-28", "type": "meeting", "countries": ["IN"],
             "place": "New Delhi", "people": ["Sanjeev Kumar", "Mohamed Maliki"], "name": None,
             "quote": "Sanjeev Kumar s'est entretenu vendredi 28 mars à New Delhi avec Mohamed Maliki."},
        ],
    },
    {
        "name": "004_il.txt", "title": "Comment le Maroc et Israël renforcent leur coopération militaire",
        "published": "2022-09-20", "source": "bladi.net",
        "facts": [
            {"kind": "partner", "country": "IL", "relation": "cooperation",
             "quote": "le Maroc et Israël travaillent à renforcer leur coopération"},
            {"kind": "prospect", "system": "Iron Dome", "category": "air-defence", "supplier": "IL",
             "manufacturer": "Rafael", "quantity": None, "value": None, "year": None, "status": "negotiating",
             "quote": "Rabat négocierait l'achat du système Iron Dome."},
            {"kind": "acquisition", "system": "Heron", "category": "drone", "supplier": "IL",
             "manufacturer": "Israel Aerospace Industries", "quantity": 3,
             "value": {"amount": 50000000, "currency": "USD"}, "year": 2014, "status": "delivered",
             "quote": "Rabat avait acheté trois drones « Heron » fabriqués par Israel Aerospace Industries."},
            {"kind": "acquisition", "system": "Barak MX", "category": "air-defence", "supplier": "IL",
             "manufacturer": None, "quantity": None, "value": None, "year": 2021,
             "quote": "En 2021, il a acquis le drone « Harop » auprès de l'IAI, "
                      "ainsi que le système Barak MX."},
            {"kind": "acquisition", "system": "F-16 Viper", "category": "aircraft", "supplier": "US",
             "manufacturer": "Lockheed Martin", "quantity": 25, "value": None, "year": 2019,
             "quote": "Le Maroc a commandé 25 F-16 Viper aux États-Unis."},
            {"kind": "event", "date": "2021-11-24", "type": "agreement", "countries": ["IL"],
             "place": "Rabat", "people": ["Benny Gantz"], "name": None,
             "quote": "les deux pays ont signé à Rabat un accord-cadre le 24 novembre 2021"},
            {"kind": "budget", "year": 2025, "amount": 133000000000, "currency": "MAD", "scope": "total",
             "approximate": False,
             "quote": "Le budget de la défense atteint 133 milliards de dirhams en 2025."},
            {"kind": "budget", "year": 2024, "amount": 124700000000, "currency": "MAD", "scope": "total",
             "approximate": False, "quote": "En 2024, il était de 124,7 milliards de dirhams."},
            {"kind": "budget", "year": 2025, "amount": 5000000000, "currency": "MAD",
             "scope": "equipment", "approximate": False, "quote": "dont 5 milliards pour l'équipement."},
        ],
    },
    {
        "name": "005_budget.txt", "title": "Budget de la défense 2024", "published": "2023-10-20",
        "source": "hespress.com",
        "facts": [
            {"kind": "budget", "year": 2024, "amount": 124000000000, "currency": "MAD", "scope": "total",
             "approximate": True, "quote": "près de 124 milliards de dirhams pour la défense en 2024."},
        ],
    },
]


def build(path: Path, docs: list[dict[str, Any]] | None = None) -> Path:
    """Write the sample documents into a fresh fact base at ``path``."""
    conn = connect(path)
    conn.execute("BEGIN")
    for d in docs if docs is not None else DOCS:
        facts = [{"doc": d["name"], "section": "body", "sentence": i, **f} for i, f in enumerate(d["facts"])]
        row = DocumentRow(name=d["name"], sha256="x" + d["name"], size=1, mtime=0.0, status="ok",
                          compiled_at="2026-11-23T00:00:00", title=d["title"], published=d["published"],
                          source=d["source"], language="fr")
        sentences = [("body", i, f["quote"]) for i, f in enumerate(d["facts"])]
        write_document(conn, row, facts, sentences)
    conn.execute("COMMIT")
    conn.close()
    return path

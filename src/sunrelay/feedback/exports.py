"""The themes for product, as CSV or JSON: one row per theme with its numbers and their
population (feedback.ranking), counted over what the exporting person may see."""

from __future__ import annotations

import csv
import io

from sunrelay.feedback.ranking import Ranked

HEADER = [
    "theme", "status", "product_area", "items", "accounts", "contacts", "mrr", "median_mrr",
    "tiers", "weighted_demand", "new_this_week", "new_week_before", "rice",
]  # fmt: skip


def as_dicts(rows: list[Ranked]) -> list[dict]:
    return [
        {
            "theme": r.theme.name,
            "status": r.theme.status,
            "product_area": r.theme.product_area.slug if r.theme.product_area else "",
            "items": r.items,
            "accounts": r.accounts,
            "contacts": r.contacts,
            "mrr": str(r.mrr),
            "median_mrr": str(r.median_mrr),
            "tiers": r.tiers,
            "weighted_demand": r.demand,
            "new_this_week": r.this_week,
            "new_week_before": r.week_before,
            "rice": r.rice,
        }
        for r in rows
    ]


def as_csv(rows: list[Ranked]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in as_dicts(rows):
        row["tiers"] = "; ".join(f"{k} {v}" for k, v in row["tiers"].items())
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow(
            ["'" + v if isinstance(v, str) and v and v[0] in "=+-@" else v for v in row.values()]
        )
    return out.getvalue()

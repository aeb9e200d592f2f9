"""CSV import of feedback items: columns quote, account, contact, product_area, importance,
theme (only quote is required; account by name, contact by e-mail, product area by slug,
theme by name). All rows are checked first; one bad row refuses the whole file, with every
row's problem named, so nothing is half imported."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import ProductArea
from sunrelay.feedback import access, services
from sunrelay.feedback.models import Importance, Source, Theme

MAX_ROWS = 5000
COLUMNS = ("quote", "account", "contact", "product_area", "importance", "theme")


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "quote" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValidationError("The first line must name the columns, with at least 'quote'.")
    rows = []
    for row in reader:
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()})
        if len(rows) > MAX_ROWS:
            raise ValidationError(f"Import at most {MAX_ROWS} rows at a time.")
    return rows


def import_csv(user, text: str) -> int:
    """Import every row of `text` (CSV) or none; the number imported."""
    access.check_curate(user)
    rows = _rows(text)
    problems, ready = [], []
    importances = {c.value: c.value for c in Importance} | {
        c.label.lower(): c.value for c in Importance
    }
    for number, row in enumerate(rows, start=2):
        fields, wrong = {}, []
        if not row.get("quote"):
            wrong.append("the quote is empty")
        for key, model, lookup in (
            ("account", Account, "name__iexact"),
            ("contact", Contact, "email__iexact"),
            ("product_area", ProductArea, "slug"),
            ("theme", Theme, "name__iexact"),
        ):
            if row.get(key):
                fields[key] = model.objects.filter(**{lookup: row[key]}).first()
                if fields[key] is None:
                    wrong.append(f"no {key.replace('_', ' ')} {row[key]!r}")
        importance = row.get("importance", "").lower() or Importance.IMPORTANT
        if importance not in importances:
            wrong.append(f"importance {row['importance']!r} is not nice, important or critical")
        if wrong:
            problems.append(f"line {number}: " + "; ".join(wrong))
        else:
            ready.append((row["quote"], importances[importance], fields))
    if problems:
        raise ValidationError(
            problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20 else [])
        )
    with transaction.atomic():
        for quote, importance, fields in ready:
            services.capture(
                user, quote=quote, importance=importance, source=Source.IMPORT, **fields
            )
    return len(ready)

"""The shape every import of a CRM's CSV export shares (opportunities: presales.crm_import;
accounts and contacts: integrations.crm_accounts), in one place:

- The columns are named by a mapping, field -> the export's column, over the importer's
  defaults ("name=Deal, amount=Value", or one a line); a missing required column refuses the
  whole file in words.
- Rows are matched on their CRM id: a row without one, or repeating one of an earlier line,
  is rejected; each importer says whether a row created, updated or left a record alone.
- A row that cannot be imported is rejected with its line (the header is line 1) and the
  reason in words (ValueError, ValidationError, PermissionDenied), and the others go on.
- A dry run writes nothing (one transaction, rolled back) and reports what would happen.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

MAX_ROWS = 5000
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class Rejected:
    line: int  # the file's line, the header being line 1
    crm_id: str
    reason: str


@dataclass
class ImportReport:
    dry_run: bool
    created: list[str] = field(default_factory=list)  # CRM ids
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def sentence(self) -> str:
        would = "would be " if self.dry_run else ""
        return (
            f"{len(self.created)} {would}created, {len(self.updated)} {would}updated, "
            f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected"
            + (" (dry run: nothing written)." if self.dry_run else ".")
        )


def parse_mapping(text: str, defaults: dict[str, str]) -> dict[str, str]:
    """ "name=Deal, amount=Value" (or one a line) over `defaults`; ValueError in words."""
    mapping = dict(defaults)
    for part in (text or "").replace("\n", ",").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip()
        if not sep or key not in defaults or not column.strip():
            raise ValueError(
                f"“{part.strip()}” is not field=Column with a field of " + ", ".join(defaults) + "."
            )
        mapping[key] = column.strip()
    return mapping


def read_rows(
    text: str, mapping: dict[str, str], required: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    """(line, {field: value}) for each row; ValidationError for the file as a whole."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [mapping[key] for key in required if mapping[key] not in header]
    if missing:
        raise ValidationError(
            "The file has no column "
            + ", ".join(f"“{m}”" for m in missing)
            + (f"; its columns are {', '.join(header)}." if header else "; it is empty.")
        )
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"Import at most {MAX_ROWS} rows at a time.")
        mapped = {key: (row.get(column) or "") for key, column in mapping.items()}
        rows.append((reader.line_num, mapped))
    return rows


def run(
    rows: list[tuple[int, dict[str, str]]],
    import_row: Callable[[dict[str, str], str], str],
    *,
    dry_run: bool,
    denied: str = "you may not change that record",
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import each row with import_row(row, crm_id) -> CREATED, UPDATED or UNCHANGED, each in
    its own savepoint; `progress(done)` after each row (a progress bar)."""
    report = ImportReport(dry_run=dry_run)
    seen: set[str] = set()
    with transaction.atomic():
        for done, (line, row) in enumerate(rows, start=1):
            crm_id = row.get("crm_id", "").strip()
            try:
                if not crm_id:
                    raise ValueError("it has no CRM id")
                if crm_id in seen:
                    raise ValueError(f"CRM id {crm_id} is on an earlier line of the file already")
                seen.add(crm_id)
                with transaction.atomic():
                    outcome = import_row(row, crm_id)
                getattr(report, outcome).append(crm_id)
            except ValueError as exc:
                report.rejected.append(Rejected(line, crm_id, str(exc)))
            except ValidationError as exc:
                report.rejected.append(Rejected(line, crm_id, " ".join(exc.messages)))
            except PermissionDenied:
                report.rejected.append(Rejected(line, crm_id, denied))
            if progress is not None:
                progress(done)
        if dry_run:
            transaction.set_rollback(True)
    return report


MAX_BYTES = 5 * 1024 * 1024


def read_upload(upload) -> str:
    """An uploaded export's text; ValidationError in words when too big or not UTF-8."""
    if upload.size > MAX_BYTES:
        raise ValidationError("The file is over 5 MB: split it.")
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8: export it as UTF-8 CSV.") from None


# -- the `import FILE` commands (`sunrelay crm import`, `sunrelay presales import`) ---------


def read_export(path: str) -> str:
    """A CSV export's text; exports from spreadsheets often start with a byte-order mark."""
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()


@contextmanager
def command_errors(path: str) -> Iterator[None]:
    """An import command's refusals, each a CommandError in words."""
    try:
        yield
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Cannot read {path}: {exc}") from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    except (ValidationError, PermissionDenied) as exc:
        raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc


def print_report(command: BaseCommand, report: ImportReport, *, as_json: bool) -> None:
    """The report on standard output (a sentence, or JSON), each rejected row on errors."""
    command.stdout.write(json.dumps(asdict(report)) if as_json else report.sentence())
    for row in report.rejected:
        command.stderr.write(f"Line {row.line} ({row.crm_id or 'no CRM id'}): {row.reason}")

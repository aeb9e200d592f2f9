"""The search box's language, parsed: words, "quoted phrases", prefix*, -excluded words,
#1234, and filters such as `tier:enterprise status:open assignee:me before:2026-11-01`.

Pure: a string in, a Query out, or a QueryError saying in words what is wrong. The backends
(search.backends) turn the text part into their own syntax; search.filters applies the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

MAX_LENGTH = 500
MAX_TERMS = 32

# filter name -> what it takes, for the error message and the help text.
FILTERS = {
    "tier": "free, basic, pro, enterprise, partner or none (no account)",
    "status": "new, open, pending, on_hold, solved, closed, unsolved or any",
    "priority": "low, normal, high or urgent",
    "level": "l1, l2 or engineering",
    "channel": "email, web, api, qa_site, mailing_list or phone",
    "assignee": "me, none or a username",
    "account": "part of an account's name",
    "from": "a customer's e-mail address",
    "tag": "a tag",
    "has": "attachment or bug",
    "sla": "breached, warning, paused or met",
    "before": "a date, 2026-11-01",
    "after": "a date, 2026-11-01",
}
DATE_FILTERS = frozenset({"before", "after"})
# Dates outside these are typing mistakes, and near year 1 or 9999 time zones overflow.
EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)

_TOKEN = re.compile(r'\s*(-?)(?:(\w+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+))')
_NUMBER = re.compile(r"#?(\d{1,12})")
_WORD_CHARS = re.compile(r"[\w@.+'-]+", re.UNICODE)


class QueryError(ValueError):
    """What is wrong with a query, in words the person who typed it understands."""


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False
    negated: bool = False


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    filters: dict[str, str | date] = field(default_factory=dict)
    number: int | None = None  # "#1234" or a lone number: that ticket comes first
    # Rank by any of the words instead of needing all (similar tickets, suggested articles).
    any_word: bool = False

    @property
    def has_text(self) -> bool:
        return any(not t.negated for t in self.terms)

    def words(self) -> list[str]:
        """Every searched word, for highlighting and the party search."""
        return [w for t in self.terms if not t.negated for w in _WORD_CHARS.findall(t.text)]


def any_of(words: list[str]) -> Query:
    """A query matching any of these words, the more the better (for "more like this")."""
    return Query(terms=[Term(w) for w in words[:MAX_TERMS]], any_word=True)


def parse(text: str) -> Query:
    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        raise QueryError(f"The search is {len(text):,} characters long; at most {MAX_LENGTH} fit.")
    if text.count('"') % 2:
        raise QueryError('A quote is not closed: put a " at the end of the phrase.')
    query = Query()
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        minus, name, quoted_value, value, phrase, word = match.groups()
        if name is not None and name.lower() in FILTERS:
            _add_filter(query, name.lower(), quoted_value if quoted_value is not None else value)
        elif name is not None and not minus and not _looks_like_text(name, value):
            known = ", ".join(f"{k}:" for k in FILTERS)
            raise QueryError(f"There is no {name}: filter. Filters: {known}")
        elif phrase is not None:
            if phrase.strip():
                query.terms.append(Term(" ".join(phrase.split()), phrase=True, negated=bool(minus)))
        else:
            raw = word if word is not None else match.group(0).strip().lstrip("-")
            _add_word(query, raw, negated=bool(minus))
    if len(query.terms) > MAX_TERMS:
        raise QueryError(f"The search has {len(query.terms)} words; at most {MAX_TERMS} count.")
    return query


def _looks_like_text(name: str, value: str | None) -> bool:
    # "http://…", "10:30", "REQ:4471": a colon inside ordinary text, not a filter.
    return (value or "").startswith("//") or name.isdigit() or (value or "")[:1].isdigit()


def _add_word(query: Query, raw: str, *, negated: bool) -> None:
    number = _NUMBER.fullmatch(raw)
    if number and not negated and query.number is None and raw.startswith("#"):
        query.number = int(number.group(1))
        return
    prefix = raw.endswith("*")
    text = raw.rstrip("*")
    if not _WORD_CHARS.search(text):
        return  # punctuation alone searches nothing
    if number and not negated and query.number is None:
        query.number = int(number.group(1))
    query.terms.append(Term(text, prefix=prefix, negated=negated))


def _add_filter(query: Query, name: str, value: str | None) -> None:
    value = (value or "").strip()
    if not value:
        raise QueryError(f"{name}: needs a value ({FILTERS[name]}).")
    if len(value) > 254:
        raise QueryError(f"The value of {name}: is too long.")
    if name in DATE_FILTERS:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{name}: takes a date like 2026-11-01, not {value!r}.") from None
        if not EARLIEST <= day <= LATEST:
            raise QueryError(f"{name}: takes a date between {EARLIEST} and {LATEST}.")
        query.filters[name] = day
        return
    query.filters[name] = value if name in ("assignee", "account", "from", "tag") else value.lower()

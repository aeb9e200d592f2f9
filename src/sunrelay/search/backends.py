"""Full-text matching behind one small interface, on SQLite (FTS5) and PostgreSQL (tsvector).

    backend().tickets(query, candidates, internal=True, limit=20) -> [Hit(id, score, snippet)]
    backend().documents(query, kind, candidates, limit=5)          -> [Hit(...)]

`candidates` is a queryset of the rows the person may see, already filtered (search.filters);
its SQL becomes a sub-select, so ranking and LIMIT apply to visible rows only. `internal`
says whether internal notes count (staff: yes; a customer's own search: never).

Snippets come back with START and STOP around the matched words and nothing else marked:
search.service escapes the text and turns the markers into <mark>.

Both index the same documents (search.models) with the same tokenizing in spirit: words
split on punctuation, no stemming, accents folded on SQLite, so "REQ-4471" finds "req 4471".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from sunrelay.search.query import Query, Term

START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 24


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    snippet: str


def _sub_select(candidates: QuerySet | None) -> tuple[str, tuple]:
    """Django's SQL for the candidates' ids, with its parameters apart (spliced into our
    queries as a sub-select: the values still travel as parameters)."""
    if candidates is None:
        return "", ()
    try:
        sql, params = candidates.values("pk").order_by().query.sql_with_params()
    except EmptyResultSet:  # .none(): someone who may see nothing (a log-in without a role)
        return "SELECT 0 WHERE 1 = 0", ()
    return sql, tuple(params)


# SQLite ranks the most recent matches of a search, this many (see Sqlite.tickets).
RANKED = 2_000
# Up to this many candidate tickets are listed once; beyond, each match is checked itself.
# Counting them costs a filter's test per ticket (has:attachment looks for a file): the
# bound is kept low, since checking the matches one by one costs about as little.
FEW_CANDIDATES = 2_000


def _among(candidates: QuerySet | None) -> tuple[str, tuple]:
    """SQL restricting search_ticket_fts's rows to `candidates` (empty for all tickets).

    Never `rowid IN (…)` alone: FTS5 takes it as a list of rowids to look up one by one,
    running the whole MATCH for each (3.5 s for a filter matching 15,000 tickets). A few
    candidates are listed once (`+rowid` leaves the test to SQLite); many are checked per
    match, by primary key, as FTS5 walks the matches newest first.
    """
    if candidates is None:
        return "", ()
    # Unordered: the tickets' default order (last change) made SQLite walk every ticket in
    # that order to count or list the few of a filter.
    candidates = candidates.order_by()
    if candidates.values("pk")[:FEW_CANDIDATES].count() < FEW_CANDIDATES:
        sql, params = _sub_select(candidates)
        return f" AND +rowid IN ({sql})", params
    each = candidates.filter(pk=RawSQL("search_ticket_fts.rowid", ())).values("pk")
    sql, params = each.query.sql_with_params()
    return f" AND EXISTS ({sql})", tuple(params)


class Sqlite:
    """FTS5 tables over the documents (migration 0002), in step through triggers."""

    @staticmethod
    def _quote(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    def match(self, query: Query, columns: str | None = None) -> str:
        positive = [self._term(t) for t in query.terms if not t.negated]
        expression = (" OR " if query.any_word else " AND ").join(positive)
        for term in query.terms:
            if term.negated:
                expression = f"({expression}) NOT {self._term(term)}"
        return f"{{{columns}}} : ({expression})" if columns else expression

    def _term(self, term: Term) -> str:
        return self._quote(term.text) + (" *" if term.prefix else "")

    def tickets(self, query: Query, candidates, *, internal: bool, limit: int) -> list[Hit]:
        """The best `limit` of the RANKED most recent matches among `candidates`.

        bm25 costs about as much for every match, so ranking every match of a common word
        grows with the history (0.4 s for a word in every ticket at 100,000 tickets).
        FTS5 walks its matches newest first and stops at RANKED; only those are ranked.
        """
        match = self.match(query, None if internal else "subject public")
        # Column weights: a word in the subject counts most, a note least.
        snippet_column = -1 if internal else 1
        among, among_params = _among(candidates)
        # Only our own fragments and Django's compiled sub-selects are spliced; values are
        # parameters.
        sql = (
            "SELECT rowid, bm25(search_ticket_fts, 8.0, 2.0, 1.0) AS score, "  # noqa: S608
            f"snippet(search_ticket_fts, {snippet_column}, %s, %s, '…', {SNIPPET_WORDS}) "
            f"FROM search_ticket_fts WHERE search_ticket_fts MATCH %s{among} AND rowid >= ("
            "SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM search_ticket_fts "
            f"WHERE search_ticket_fts MATCH %s{among} ORDER BY rowid DESC LIMIT %s)) "
            "ORDER BY score LIMIT %s"
        )
        params = (START, STOP, match, *among_params, match, *among_params, RANKED, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Hit(row[0], -row[1], row[2]) for row in cursor.fetchall()]

    def documents(self, query: Query, kind: str, candidates, *, limit: int) -> list[Hit]:
        sub_sql, sub_params = _sub_select(candidates)
        sql = (
            "SELECT d.object_id, bm25(search_document_fts) AS score, "  # noqa: S608
            f"snippet(search_document_fts, 0, %s, %s, '…', {SNIPPET_WORDS}) "
            "FROM search_document_fts JOIN search_document d ON d.id = search_document_fts.rowid "
            f"WHERE search_document_fts MATCH %s AND d.kind = %s AND d.object_id IN ({sub_sql}) "
            "ORDER BY score LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (START, STOP, self.match(query), kind, *sub_params, limit))
            return [Hit(row[0], -row[1], row[2]) for row in cursor.fetchall()]


class Postgres:
    """tsvector columns kept by triggers, GIN indexes (migration 0002); `simple` config."""

    HEADLINE = (
        f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WORDS}, MinWords=8, "
        "MaxFragments=2, FragmentDelimiter=' … '"
    )

    def tsquery(self, query: Query) -> tuple[str, list]:
        """SQL for the query's tsquery: websearch_to_tsquery for words, phrases and
        exclusions, a prefix query for each word*."""
        if query.any_word:
            lexemes = {w for t in query.terms for w in _words(t.text)}
            return "to_tsquery('simple', %s)", [" | ".join(map(_pg_quote, sorted(lexemes))) or "''"]
        parts, params = [], []
        plain = []
        for term in query.terms:
            if term.prefix and not term.negated:
                parts.append("to_tsquery('simple', %s)")
                lexemes = _words(term.text)
                params.append(" & ".join(f"{_pg_quote(w)}:*" for w in lexemes) or "''")
            else:
                text = f'"{term.text}"' if term.phrase else term.text
                plain.append(("-" if term.negated else "") + text)
        if plain:
            parts.insert(0, "websearch_to_tsquery('simple', %s)")
            params.insert(0, " ".join(plain))
        return " && ".join(parts) or "''::tsquery", params

    def tickets(self, query: Query, candidates, *, internal: bool, limit: int) -> list[Hit]:
        vector = "all_vector" if internal else "public_vector"
        text = "d.subject || ' … ' || d.public" + (" || ' … ' || d.internal" if internal else "")
        tsquery, params = self.tsquery(query)
        sub_sql, sub_params = _sub_select(candidates)
        where = f" AND d.ticket_id IN ({sub_sql})" if sub_sql else ""
        sql = (
            f"WITH q AS (SELECT {tsquery} AS q), "  # noqa: S608
            f"hits AS (SELECT d.ticket_id, ts_rank_cd(d.{vector}, q.q) AS score "
            f"FROM search_ticketdocument d, q WHERE d.{vector} @@ q.q{where} "
            "ORDER BY score DESC, d.ticket_id DESC LIMIT %s) "
            f"SELECT hits.ticket_id, hits.score, ts_headline('simple', {text}, q.q, %s) "
            "FROM hits JOIN search_ticketdocument d ON d.ticket_id = hits.ticket_id, q "
            "ORDER BY hits.score DESC, hits.ticket_id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, *sub_params, limit, self.HEADLINE))
            return [Hit(row[0], float(row[1]), row[2]) for row in cursor.fetchall()]

    def documents(self, query: Query, kind: str, candidates, *, limit: int) -> list[Hit]:
        tsquery, params = self.tsquery(query)
        sub_sql, sub_params = _sub_select(candidates)
        sql = (
            f"WITH q AS (SELECT {tsquery} AS q) "  # noqa: S608
            "SELECT d.object_id, ts_rank_cd(d.vector, q.q) AS score, "
            "ts_headline('simple', d.text, q.q, %s) "
            "FROM search_document d, q WHERE d.vector @@ q.q AND d.kind = %s "
            f"AND d.object_id IN ({sub_sql}) ORDER BY score DESC, d.object_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, self.HEADLINE, kind, *sub_params, limit))
            return [Hit(row[0], float(row[1]), row[2]) for row in cursor.fetchall()]


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text, re.UNICODE)]


def _pg_quote(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def backend() -> Sqlite | Postgres:
    return Postgres() if connection.vendor == "postgresql" else Sqlite()

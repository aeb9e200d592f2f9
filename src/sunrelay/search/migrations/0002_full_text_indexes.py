"""The full-text indexes over the documents, one kind per database: an FTS5 table with
triggers on SQLite, tsvector columns filled by triggers with GIN indexes on PostgreSQL."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_ticket_fts USING fts5(
        subject, public, internal, content='search_ticketdocument', content_rowid='ticket_id',
        tokenize="unicode61 remove_diacritics 2")""",
    """CREATE TRIGGER search_ticket_fts_insert AFTER INSERT ON search_ticketdocument BEGIN
        INSERT INTO search_ticket_fts(rowid, subject, public, internal)
        VALUES (new.ticket_id, new.subject, new.public, new.internal);
    END""",
    """CREATE TRIGGER search_ticket_fts_delete AFTER DELETE ON search_ticketdocument BEGIN
        INSERT INTO search_ticket_fts(search_ticket_fts, rowid, subject, public, internal)
        VALUES ('delete', old.ticket_id, old.subject, old.public, old.internal);
    END""",
    """CREATE TRIGGER search_ticket_fts_update
    AFTER UPDATE OF subject, public, internal ON search_ticketdocument BEGIN
        INSERT INTO search_ticket_fts(search_ticket_fts, rowid, subject, public, internal)
        VALUES ('delete', old.ticket_id, old.subject, old.public, old.internal);
        INSERT INTO search_ticket_fts(rowid, subject, public, internal)
        VALUES (new.ticket_id, new.subject, new.public, new.internal);
    END""",
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        text, content='search_document', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2")""",
    """CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_document_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER search_document_fts_update AFTER UPDATE OF text ON search_document BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO search_document_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
SQLITE_REVERSE = [
    "DROP TABLE IF EXISTS search_ticket_fts",
    "DROP TABLE IF EXISTS search_document_fts",
    "DROP TRIGGER IF EXISTS search_ticket_fts_insert",
    "DROP TRIGGER IF EXISTS search_ticket_fts_delete",
    "DROP TRIGGER IF EXISTS search_ticket_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_update",
]

POSTGRES = [
    "ALTER TABLE search_ticketdocument ADD COLUMN public_vector tsvector, "
    "ADD COLUMN all_vector tsvector",
    """CREATE FUNCTION search_ticketdocument_vectors() RETURNS trigger AS $$
    BEGIN
        NEW.public_vector := setweight(to_tsvector('simple', NEW.subject), 'A')
            || setweight(to_tsvector('simple', NEW.public), 'B');
        NEW.all_vector := NEW.public_vector || setweight(to_tsvector('simple', NEW.internal), 'C');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_ticketdocument_vectors
    BEFORE INSERT OR UPDATE OF subject, public, internal ON search_ticketdocument
    FOR EACH ROW EXECUTE FUNCTION search_ticketdocument_vectors()""",
    "CREATE INDEX search_ticketdoc_public_gin ON search_ticketdocument USING gin (public_vector)",
    "CREATE INDEX search_ticketdoc_all_gin ON search_ticketdocument USING gin (all_vector)",
    "ALTER TABLE search_document ADD COLUMN vector tsvector",
    """CREATE FUNCTION search_document_vector() RETURNS trigger AS $$
    BEGIN
        NEW.vector := to_tsvector('simple', NEW.text);
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_document_vector
    BEFORE INSERT OR UPDATE OF text ON search_document
    FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
    "CREATE INDEX search_document_gin ON search_document USING gin (vector)",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS search_ticketdocument_vectors ON search_ticketdocument",
    "DROP FUNCTION IF EXISTS search_ticketdocument_vectors()",
    "ALTER TABLE search_ticketdocument DROP COLUMN IF EXISTS public_vector, "
    "DROP COLUMN IF EXISTS all_vector",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_document",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]

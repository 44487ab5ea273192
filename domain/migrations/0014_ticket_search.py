from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops

# The ticket search index is a different structure on each backend (domain.tickets.search):
# an FTS5 table on SQLite, two tsvector columns with GIN indexes on PostgreSQL.
_SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE ticket_fts USING fts5("
    "public_text, internal_text, tokenize = 'unicode61 remove_diacritics 2')"
)
_POSTGRES_INDEX = (
    "CREATE TABLE ticket_search ("
    "ticket_id INT PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE, "
    "public_document TSVECTOR NOT NULL, internal_document TSVECTOR NOT NULL)",
    "CREATE INDEX ticket_search_public ON ticket_search USING GIN (public_document)",
    "CREATE INDEX ticket_search_internal ON ticket_search USING GIN (internal_document)",
)
BATCH = 500


async def create_search_index(apps, schema_editor):
    from domain.tickets.search import index_ticket

    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        await client.execute_script(_SQLITE_INDEX)
    else:
        for statement in _POSTGRES_INDEX:
            await client.execute_script(statement)
    # Tickets written before the index existed are indexed once, a batch at a time.
    last = 0
    while True:
        placeholders = ("?", "?") if client.capabilities.dialect == "sqlite" else ("$1", "$2")
        rows = await client.execute_query_dict(
            "SELECT id FROM ticket WHERE id > {} ORDER BY id LIMIT {}".format(*placeholders),
            [last, BATCH],
        )
        for row in rows:
            await index_ticket(client, row["id"])
        if len(rows) < BATCH:
            return
        last = rows[-1]["id"]


async def drop_search_index(apps, schema_editor):
    client = schema_editor.client
    table = "ticket_fts" if client.capabilities.dialect == "sqlite" else "ticket_search"
    await client.execute_script(f"DROP TABLE IF EXISTS {table}")


class Migration(MesaMigration):
    dependencies = [('models', '0013_views')]

    initial = False

    operations = [
        ops.RunPython(create_search_index, drop_search_index),
    ]

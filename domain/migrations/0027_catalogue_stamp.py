from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops

# The catalogue's stamp (domain.catalog.cache): every change to a catalogue table advances
# the counter row 'catalogue' in the same transaction, whoever makes it. PostgreSQL: one
# trigger per table and statement; SQLite: one per table and kind of change, per row.
_TABLES = (
    "department",
    "category",
    "custom_field",
    "service",
    "support_level",
    "sla_target",
    "business_calendar",
    "calendar_holiday",
)
_ADVANCE = (
    "INSERT INTO counter (name, value) VALUES ('catalogue', 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counter.value + 1"
)
_POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION mesa_catalogue_changed() RETURNS trigger "
    f"LANGUAGE plpgsql AS $$ BEGIN {_ADVANCE}; RETURN NULL; END $$"
)


async def create_triggers(apps, schema_editor):
    await create_triggers_on(schema_editor.client, _TABLES)


async def drop_triggers(apps, schema_editor):
    await drop_triggers_on(schema_editor.client, _TABLES)


async def create_triggers_on(client, tables):
    """The triggers of `tables` (later migrations add tables: 0029)."""
    if client.capabilities.dialect == "sqlite":
        for table in tables:
            for change in ("INSERT", "UPDATE", "DELETE"):
                await client.execute_script(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_catalogue_{change.lower()} "
                    f"AFTER {change} ON {table} BEGIN {_ADVANCE}; END"
                )
        return
    await client.execute_script(_POSTGRES_FUNCTION)
    for table in tables:
        await client.execute_script(
            f"CREATE OR REPLACE TRIGGER {table}_catalogue AFTER INSERT OR UPDATE OR DELETE "
            f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION mesa_catalogue_changed()"
        )


async def drop_triggers_on(client, tables, *, function=True):
    """Drop the triggers of `tables`, and the function they call unless `function` is false."""
    if client.capabilities.dialect == "sqlite":
        for table in tables:
            for change in ("insert", "update", "delete"):
                await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_catalogue_{change}")
        return
    for table in tables:
        await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_catalogue ON {table}")
    if function:
        await client.execute_script("DROP FUNCTION IF EXISTS mesa_catalogue_changed()")


class Migration(MesaMigration):
    dependencies = [('models', '0026_restore_indexes')]

    initial = False

    operations = [
        ops.RunPython(create_triggers, drop_triggers),
    ]

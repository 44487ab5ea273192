import importlib

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops

# The staff are read with the catalogue's cache: a staff member's departments by each of
# their requests (domain.identity.auth), a department's staff with their preferences by each
# new ticket (domain.tickets.notices). A change to them advances the catalogue's stamp too,
# as migration 0027 makes every change to its tables do.
_stamp = importlib.import_module("domain.migrations.0027_catalogue_stamp")
_TABLES = ("staff", "staff_department", "agent_preferences")


async def create_triggers(apps, schema_editor):
    await _stamp.create_triggers_on(schema_editor.client, _TABLES)


async def drop_triggers(apps, schema_editor):
    # The function stays: the triggers of migration 0027 still call it.
    await _stamp.drop_triggers_on(schema_editor.client, _TABLES, function=False)


class Migration(MesaMigration):
    dependencies = [('models', '0028_created_at_from_the_clock')]

    initial = False

    operations = [
        ops.RunPython(create_triggers, drop_triggers),
    ]

import importlib

from tortoise import migrations
from tortoise.migrations import operations as ops

# A staff member's departments are read with the catalogue's cache (domain.identity.auth), so
# a change to them advances the catalogue's stamp too, as migration 0027 does for its tables.
_stamp = importlib.import_module("domain.migrations.0027_catalogue_stamp")
_TABLES = ("staff_department",)


async def create_triggers(apps, schema_editor):
    await _stamp.create_triggers_on(schema_editor.client, _TABLES)


async def drop_triggers(apps, schema_editor):
    # The function stays: the triggers of migration 0027 still call it.
    await _stamp.drop_triggers_on(schema_editor.client, _TABLES, function=False)


class Migration(migrations.Migration):
    dependencies = [('models', '0028_created_at_from_the_clock')]

    initial = False

    operations = [
        ops.RunPython(create_triggers, drop_triggers),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0021_automation_rules')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Ticket',
            name='held_until',
            field=fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False),
        ),
    ]

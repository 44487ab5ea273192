from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0007_email")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Ticket",
            name="sla_level_id",
            field=fields.IntField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name="Ticket",
            name="sla_terms",
            field=fields.JSONField(null=True),
        ),
    ]

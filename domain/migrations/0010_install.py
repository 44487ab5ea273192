from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields
from domain.models.enums import NotificationKind

class Migration(MesaMigration):
    dependencies = [('models', '0009_hardening')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('actor_staff_id', fields.IntField(null=True)),
                ('actor_name', fields.CharField(max_length=200)),
                ('action', fields.CharField(max_length=64)),
                ('entity', fields.CharField(max_length=32)),
                ('entity_id', fields.IntField(null=True)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'audit_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Who changed what, with the values before and after (null when created or removed).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Category',
            name='is_active',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name='Department',
            name='is_active',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name='SupportLevel',
            name='currency',
            field=fields.CharField(null=True, max_length=3),
        ),
        ops.AddField(
            model_name='SupportLevel',
            name='is_active',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name='SupportLevel',
            name='monthly_price',
            field=fields.DecimalField(null=True, max_digits=14, decimal_places=2),
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='PASSWORD_RESET: PASSWORD_RESET\nTRACKING_IDS: TRACKING_IDS\nTICKET_CREATED: TICKET_CREATED\nAGENT_REPLIED: AGENT_REPLIED\nSTATUS_CHANGED: STATUS_CHANGED\nASSIGNED: ASSIGNED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nEMAIL_REPLY_REFUSED: EMAIL_REPLY_REFUSED\nWELCOME: WELCOME', enum_type=NotificationKind, max_length=32),
        ),
    ]

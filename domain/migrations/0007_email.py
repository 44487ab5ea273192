from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from domain.models.enums import InboundSource, InboundStatus, NotificationKind
from json import dumps, loads
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0006_knowledge_base')]

    initial = False

    operations = [
        ops.CreateModel(
            name='InboundMail',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message_id', fields.CharField(null=True, max_length=255)),
                ('content_hash', fields.CharField(max_length=64)),
                ('source', fields.CharEnumField(default=InboundSource.SMTP, description='SMTP: SMTP\nIMPORT: IMPORT', enum_type=InboundSource, max_length=8)),
                ('envelope_from', fields.CharField(default='', max_length=254)),
                ('envelope_to', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('raw_path', fields.CharField(max_length=500)),
                ('size', fields.IntField()),
                ('may_answer', fields.BooleanField(default=True)),
                ('status', fields.CharEnumField(default=InboundStatus.RECEIVED, description='RECEIVED: RECEIVED\nTICKET_CREATED: TICKET_CREATED\nREPLY_ADDED: REPLY_ADDED\nREPLY_REFUSED: REPLY_REFUSED\nIGNORED: IGNORED\nDUPLICATE: DUPLICATE', enum_type=InboundStatus, max_length=16)),
                ('outcome', fields.TextField(null=True, unique=False)),
                ('sender', fields.CharField(null=True, max_length=254)),
                ('subject', fields.CharField(null=True, max_length=200)),
                ('html', fields.TextField(null=True, unique=False)),
                ('ticket_id', fields.IntField(null=True)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('processed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'inbound_mail', 'app': 'models', 'indexes': [Index(fields=['message_id', 'id']), Index(fields=['content_hash']), Index(fields=['ticket_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One received message, stored before the SMTP answer and parsed later by a worker.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='PASSWORD_RESET: PASSWORD_RESET\nTRACKING_IDS: TRACKING_IDS\nTICKET_CREATED: TICKET_CREATED\nAGENT_REPLIED: AGENT_REPLIED\nSTATUS_CHANGED: STATUS_CHANGED\nASSIGNED: ASSIGNED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nEMAIL_REPLY_REFUSED: EMAIL_REPLY_REFUSED', enum_type=NotificationKind, max_length=32),
        ),
        ops.AddField(
            model_name='Notification',
            name='attempts',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='Notification',
            name='dedupe_key',
            field=fields.CharField(null=True, unique=True, max_length=100),
        ),
        ops.AddField(
            model_name='Notification',
            name='last_error',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Notification',
            name='message_id',
            field=fields.CharField(null=True, db_index=True, max_length=255),
        ),
        ops.AddField(
            model_name='Notification',
            name='ticket_id',
            field=fields.IntField(null=True),
        ),
        ops.AddIndex(
            model_name='Notification',
            index=Index(fields=['recipient', 'kind', 'created_at']),
        ),
        ops.AddIndex(
            model_name='Notification',
            index=Index(fields=['ticket_id', 'id']),
        ),
    ]

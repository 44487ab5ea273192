from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import AttachmentRejection, AttachmentState, EventKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0004_contacts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.CASCADE)),
                ('message', fields.ForeignKeyField('models.Message', source_field='message_id', db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=255)),
                ('declared_type', fields.CharField(default='', max_length=255)),
                ('content_type', fields.CharField(null=True, max_length=255)),
                ('size', fields.BigIntField()),
                ('sha256', fields.CharField(null=True, db_index=True, max_length=64)),
                ('state', fields.CharEnumField(default=AttachmentState.PENDING, description='PENDING: PENDING\nSTORED: STORED\nREJECTED: REJECTED', enum_type=AttachmentState, max_length=16)),
                ('rejection', fields.CharEnumField(null=True, description='TYPE_NOT_ALLOWED: TYPE_NOT_ALLOWED\nUNRECOGNISED_TYPE: UNRECOGNISED_TYPE\nEMPTY: EMPTY\nLOST: LOST', enum_type=AttachmentRejection, max_length=32)),
                ('rejection_detail', fields.CharField(default='', max_length=200)),
                ('quarantine_name', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attachment', 'app': 'models', 'indexes': [Index(fields=['message_id', 'id']), Index(fields=['ticket_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One file on one message. The bytes live in storage under their sha256, shared by'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED', enum_type=EventKind, max_length=32),
        ),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import EventKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0011_guest_language')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CannedResponse',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=120)),
                ('body_es', fields.TextField(unique=False)),
                ('body_en', fields.TextField(unique=False)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='canned_responses', on_delete=OnDelete.CASCADE)),
                ('owner', fields.ForeignKeyField('models.Staff', source_field='owner_id', null=True, db_constraint=True, to_field='id', related_name='canned_responses', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'canned_response', 'app': 'models', 'indexes': [Index(fields=['owner_id', 'title']), Index(fields=['department_id', 'title'])], 'pk_attr': 'id', 'table_description': 'A reply agents insert: shared (per department or for all) or personal (`owner`).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Tag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=50)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tag', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A label agents put on tickets, its name stored folded (lower case, single spaces).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketTag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='ticket_tags', on_delete=OnDelete.CASCADE)),
                ('tag', fields.ForeignKeyField('models.Tag', source_field='tag_id', db_constraint=True, to_field='id', related_name='ticket_tags', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'ticket_tag', 'app': 'models', 'unique_together': (('ticket_id', 'tag_id'),), 'indexes': [Index(fields=['tag_id', 'ticket_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED', enum_type=EventKind, max_length=32),
        ),
    ]

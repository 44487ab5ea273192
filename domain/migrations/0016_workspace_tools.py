from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from domain.models.enums import Language
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0015_watchers')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Macro',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=120)),
                ('actions', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='macros', on_delete=OnDelete.CASCADE)),
                ('owner', fields.ForeignKeyField('models.Staff', source_field='owner_id', null=True, db_constraint=True, to_field='id', related_name='macros', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'macro', 'app': 'models', 'indexes': [Index(fields=['owner_id', 'title']), Index(fields=['department_id', 'title'])], 'pk_attr': 'id', 'table_description': 'Several changes to a ticket in one click: shared (per department or for all) or'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketContact',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='cc_contacts', on_delete=OnDelete.CASCADE)),
                ('email', fields.CharField(max_length=254)),
                ('name', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ticket_contact', 'app': 'models', 'unique_together': (('ticket_id', 'email'),), 'indexes': [Index(fields=['email'])], 'pk_attr': 'id', 'table_description': "Someone else on a ticket's conversation: an address the requester copied (CC). They"},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='AgentPreferences',
            options={'table': 'agent_preferences', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'What an agent is told about, live and by email (kinds of'},
        ),
        ops.AddField(
            model_name='AgentPreferences',
            name='email_kinds',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AlterModelOptions(
            name='IdempotentRequest',
            options={'table': 'idempotent_request', 'app': 'models', 'unique_together': (('scope', 'key'),), 'pk_attr': 'id', 'table_description': 'The first call with a key reserves it (unique per viewer), and the id of what it created'},
        ),
        ops.AlterField(
            model_name='Ticket',
            name='guest_language',
            field=fields.CharEnumField(null=True, description='ES: es\nEN: en', enum_type=Language, max_length=2),
        ),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0014_ticket_search')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AgentPreferences',
            fields=[
                ('staff', fields.OneToOneField('models.Staff', source_field='staff_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='preferences', on_delete=OnDelete.CASCADE)),
                ('live_kinds', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'agent_preferences', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'What an agent is told about, live (kinds of domain.workspace.notifications).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketWatcher',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='watchers', on_delete=OnDelete.CASCADE)),
                ('staff', fields.ForeignKeyField('models.Staff', source_field='staff_id', db_constraint=True, to_field='id', related_name='watched', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ticket_watcher', 'app': 'models', 'unique_together': (('ticket_id', 'staff_id'),), 'pk_attr': 'id', 'table_description': 'An agent following a ticket they are not assigned to.'},
            bases=['Model'],
        ),
    ]

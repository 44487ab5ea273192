from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0012_workspace')]

    initial = False

    operations = [
        ops.CreateModel(
            name='TicketView',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=80)),
                ('owner', fields.ForeignKeyField('models.Staff', source_field='owner_id', null=True, db_constraint=True, to_field='id', related_name='ticket_views', on_delete=OnDelete.CASCADE)),
                ('filters', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sort', fields.CharField(max_length=16)),
                ('direction', fields.CharField(max_length=4)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ticket_view', 'app': 'models', 'indexes': [Index(fields=['owner_id', 'name'])], 'pk_attr': 'id', 'table_description': "A saved ticket view: shared (no owner, kept by admins) or an agent's own."},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='Ticket',
            index=Index(fields=['assignee_id', 'status', 'department_id']),
        ),
        ops.AddIndex(
            model_name='Ticket',
            index=Index(fields=['department_id', 'status', 'assignee_id']),
        ),
        ops.AddIndex(
            model_name='Ticket',
            index=Index(fields=['department_id', 'status', 'sla_due_at']),
        ),
    ]

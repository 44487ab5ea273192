from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from domain.models.enums import AssignmentMode, EventKind, TriggerRunStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0020_automation')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AgentHours',
            fields=[
                ('staff', fields.OneToOneField('models.Staff', source_field='staff_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='hours', on_delete=OnDelete.CASCADE)),
                ('calendar', fields.ForeignKeyField('models.BusinessCalendar', source_field='calendar_id', db_constraint=True, to_field='id', related_name='agents', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'agent_hours', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'The hours an agent works: automatic assignment skips them outside these.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AutoAssignment',
            fields=[
                ('department', fields.OneToOneField('models.Department', source_field='department_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='auto_assignment', on_delete=OnDelete.CASCADE)),
                ('mode', fields.CharEnumField(default=AssignmentMode.OFF, description='OFF: OFF\nROUND_ROBIN: ROUND_ROBIN\nLEAST_OPEN: LEAST_OPEN', enum_type=AssignmentMode, max_length=16)),
                ('last_staff_id', fields.IntField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'auto_assignment', 'app': 'models', 'pk_attr': 'department_id', 'table_description': "How a department's new tickets are assigned by themselves, and whose turn it is."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Trigger',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('is_active', fields.BooleanField(default=True)),
                ('position', fields.IntField(default=0)),
                ('events', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('conditions', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('actions', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'trigger', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A rule run after a ticket event: if its conditions hold, its actions are applied.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TriggerRun',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('trigger', fields.ForeignKeyField('models.Trigger', source_field='trigger_id', db_constraint=True, to_field='id', related_name='runs', on_delete=OnDelete.CASCADE)),
                ('event_id', fields.BigIntField()),
                ('ticket_id', fields.IntField()),
                ('depth', fields.IntField(default=0)),
                ('status', fields.CharEnumField(description='PENDING: PENDING\nRUNNING: RUNNING\nAPPLIED: APPLIED\nSKIPPED: SKIPPED\nFAILED: FAILED', enum_type=TriggerRunStatus, max_length=16)),
                ('detail', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'trigger_run', 'app': 'models', 'unique_together': (('trigger_id', 'event_id'),), 'indexes': [Index(fields=['status', 'started_at']), Index(fields=['ticket_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One trigger for one ticket event, at most once: what it found and what it did.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED\nTRIGGER_APPLIED: TRIGGER_APPLIED', enum_type=EventKind, max_length=32),
        ),
        ops.AddField(
            model_name='TicketEvent',
            name='caused_by_run_id',
            field=fields.BigIntField(null=True),
        ),
    ]

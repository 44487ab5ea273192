from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from domain.models.enums import EventKind, TicketStatus, TimeRuleClock, TriggerRunStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0023_satisfaction')]

    initial = False

    operations = [
        ops.CreateModel(
            name='TimeRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('is_active', fields.BooleanField(default=True)),
                ('status', fields.CharEnumField(description='NEW: NEW\nOPEN: OPEN\nWAITING_ON_CUSTOMER: WAITING_ON_CUSTOMER\nWAITING_ON_AGENT: WAITING_ON_AGENT\nRESOLVED: RESOLVED\nCLOSED: CLOSED\nMERGED: MERGED\nSPAM: SPAM', enum_type=TicketStatus, max_length=24)),
                ('after_minutes', fields.IntField()),
                ('clock', fields.CharEnumField(description='BUSINESS_HOURS: BUSINESS_HOURS\nCALENDAR: CALENDAR', enum_type=TimeRuleClock, max_length=16)),
                ('conditions', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('actions', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'time_rule', 'app': 'models', 'pk_attr': 'id', 'table_description': 'After a ticket has been in a status this long, if its conditions hold, the actions run.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TimeRulePlan',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('models.TimeRule', source_field='rule_id', db_constraint=True, to_field='id', related_name='plans', on_delete=OnDelete.CASCADE)),
                ('ticket_id', fields.IntField()),
                ('entered_event_id', fields.BigIntField()),
                ('entered_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'time_rule_plan', 'app': 'models', 'unique_together': (('rule_id', 'ticket_id'),), 'indexes': [Index(fields=['due_at']), Index(fields=['ticket_id'])], 'pk_attr': 'id', 'table_description': 'When a rule is due for a ticket: computed once as the ticket entered the status, read by'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TimeRuleRun',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('models.TimeRule', source_field='rule_id', db_constraint=True, to_field='id', related_name='runs', on_delete=OnDelete.CASCADE)),
                ('ticket_id', fields.IntField()),
                ('entered_event_id', fields.BigIntField()),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(description='PENDING: PENDING\nRUNNING: RUNNING\nAPPLIED: APPLIED\nSKIPPED: SKIPPED\nFAILED: FAILED', enum_type=TriggerRunStatus, max_length=16)),
                ('detail', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'time_rule_run', 'app': 'models', 'unique_together': (('rule_id', 'ticket_id', 'entered_event_id'),), 'indexes': [Index(fields=['ticket_id', 'id'])], 'pk_attr': 'id', 'table_description': "One rule for one ticket's stay in a status, at most once: what it found and did."},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED\nMARKED_SPAM: MARKED_SPAM\nUNMARKED_SPAM: UNMARKED_SPAM\nSPLIT: SPLIT\nTRIGGER_APPLIED: TRIGGER_APPLIED\nSATISFACTION_RATED: SATISFACTION_RATED\nTIME_RULE_APPLIED: TIME_RULE_APPLIED', enum_type=EventKind, max_length=32),
        ),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import EventKind, NotificationKind, SatisfactionRating, TokenKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0022_guest_confirmation')]

    initial = False

    operations = [
        ops.CreateModel(
            name='TicketRating',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.OneToOneField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='rating', on_delete=OnDelete.CASCADE)),
                ('rating', fields.CharEnumField(description='GOOD: GOOD\nNEUTRAL: NEUTRAL\nBAD: BAD', enum_type=SatisfactionRating, max_length=8)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('agent', fields.ForeignKeyField('models.Staff', source_field='agent_id', null=True, db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.SET_NULL)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('rated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('changed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ticket_rating', 'app': 'models', 'indexes': [Index(fields=['rated_at', 'agent_id']), Index(fields=['rated_at', 'department_id'])], 'pk_attr': 'id', 'table_description': 'How the requester rated a resolved ticket (good, neutral or bad, with a comment).'},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='AgentHours',
            options={'table': 'agent_hours', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'The hours an agent works: automatic assignment skips them outside these.'},
        ),
        ops.AlterModelOptions(
            name='AgentPreferences',
            options={'table': 'agent_preferences', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'What an agent is told about, live and by email (kinds of'},
        ),
        ops.AlterField(
            model_name='AuthToken',
            name='kind',
            field=fields.CharEnumField(description='CUSTOMER: CUSTOMER\nSTAFF: STAFF\nGUEST: GUEST\nPASSWORD_RESET: PASSWORD_RESET\nGUEST_CONFIRM: GUEST_CONFIRM\nSATISFACTION: SATISFACTION', enum_type=TokenKind, max_length=16),
        ),
        ops.AlterModelOptions(
            name='AutoAssignment',
            options={'table': 'auto_assignment', 'app': 'models', 'pk_attr': 'department_id', 'table_description': "How a department's new tickets are assigned by themselves, and whose turn it is."},
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='PASSWORD_RESET: PASSWORD_RESET\nTRACKING_IDS: TRACKING_IDS\nTICKET_CREATED: TICKET_CREATED\nAGENT_REPLIED: AGENT_REPLIED\nSTATUS_CHANGED: STATUS_CHANGED\nASSIGNED: ASSIGNED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nEMAIL_REPLY_REFUSED: EMAIL_REPLY_REFUSED\nWELCOME: WELCOME\nGUEST_CONFIRMATION: GUEST_CONFIRMATION\nNEW_TICKET_ALERT: NEW_TICKET_ALERT\nCUSTOMER_REPLIED: CUSTOMER_REPLIED\nMENTIONED: MENTIONED', enum_type=NotificationKind, max_length=32),
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED\nMARKED_SPAM: MARKED_SPAM\nUNMARKED_SPAM: UNMARKED_SPAM\nSPLIT: SPLIT\nTRIGGER_APPLIED: TRIGGER_APPLIED\nSATISFACTION_RATED: SATISFACTION_RATED', enum_type=EventKind, max_length=32),
        ),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import BlockKind, EventKind, InboundStatus, Language, TicketStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0016_workspace_tools')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BlockedSender',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='ADDRESS: ADDRESS\nDOMAIN: DOMAIN', enum_type=BlockKind, max_length=8)),
                ('address', fields.CharField(unique=True, max_length=254)),
                ('reason', fields.CharField(max_length=500)),
                ('blocked_by', fields.ForeignKeyField('models.Staff', source_field='blocked_by_id', null=True, db_constraint=True, to_field='id', related_name='blocked_senders', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'blocked_sender', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An address or a whole domain whose mail and web tickets the desk no longer takes.'},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='AgentPreferences',
            options={'table': 'agent_preferences', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'What an agent is told about, live (kinds of domain.workspace.notifications).'},
        ),
        ops.AddField(
            model_name='Department',
            name='signature_en',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Department',
            name='signature_es',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AlterModelOptions(
            name='IdempotentRequest',
            options={'table': 'idempotent_request', 'app': 'models', 'unique_together': (('scope', 'key'),), 'pk_attr': 'id', 'table_description': 'The first call with a key reserves it (unique per viewer), and the id of what it created'},
        ),
        ops.AlterField(
            model_name='InboundMail',
            name='status',
            field=fields.CharEnumField(default=InboundStatus.RECEIVED, description='RECEIVED: RECEIVED\nTICKET_CREATED: TICKET_CREATED\nREPLY_ADDED: REPLY_ADDED\nREPLY_REFUSED: REPLY_REFUSED\nIGNORED: IGNORED\nDUPLICATE: DUPLICATE\nBLOCKED: BLOCKED', enum_type=InboundStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Staff',
            name='away',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Staff',
            name='away_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Staff',
            name='signature_en',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Staff',
            name='signature_es',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AlterField(
            model_name='Ticket',
            name='guest_language',
            field=fields.CharEnumField(null=True, description='ES: es\nEN: en', enum_type=Language, max_length=2),
        ),
        ops.AlterField(
            model_name='Ticket',
            name='status',
            field=fields.CharEnumField(default=TicketStatus.NEW, description='NEW: NEW\nOPEN: OPEN\nWAITING_ON_CUSTOMER: WAITING_ON_CUSTOMER\nWAITING_ON_AGENT: WAITING_ON_AGENT\nRESOLVED: RESOLVED\nCLOSED: CLOSED\nMERGED: MERGED\nSPAM: SPAM', enum_type=TicketStatus, max_length=24),
        ),
        ops.AddField(
            model_name='Ticket',
            name='split_from',
            field=fields.ForeignKeyField('models.Ticket', source_field='split_from_id', null=True, db_constraint=True, to_field='id', related_name='split_tickets', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Ticket',
            name='status_before_spam',
            field=fields.CharEnumField(null=True, description='NEW: NEW\nOPEN: OPEN\nWAITING_ON_CUSTOMER: WAITING_ON_CUSTOMER\nWAITING_ON_AGENT: WAITING_ON_AGENT\nRESOLVED: RESOLVED\nCLOSED: CLOSED\nMERGED: MERGED\nSPAM: SPAM', enum_type=TicketStatus, max_length=24),
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED\nMARKED_SPAM: MARKED_SPAM\nUNMARKED_SPAM: UNMARKED_SPAM\nSPLIT: SPLIT', enum_type=EventKind, max_length=32),
        ),
    ]

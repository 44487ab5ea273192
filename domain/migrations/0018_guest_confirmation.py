from tortoise import migrations
from tortoise.migrations import operations as ops
from domain.models.enums import Language, NotificationKind, TokenKind
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0015_watchers')]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name='AgentPreferences',
            options={'table': 'agent_preferences', 'app': 'models', 'pk_attr': 'staff_id', 'table_description': 'What an agent is told about, live (kinds of domain.workspace.notifications).'},
        ),
        ops.AlterField(
            model_name='AuthToken',
            name='kind',
            field=fields.CharEnumField(description='CUSTOMER: CUSTOMER\nSTAFF: STAFF\nGUEST: GUEST\nPASSWORD_RESET: PASSWORD_RESET\nGUEST_CONFIRM: GUEST_CONFIRM', enum_type=TokenKind, max_length=16),
        ),
        ops.AlterModelOptions(
            name='IdempotentRequest',
            options={'table': 'idempotent_request', 'app': 'models', 'unique_together': (('scope', 'key'),), 'pk_attr': 'id', 'table_description': 'The first call with a key reserves it (unique per viewer), and the id of what it created'},
        ),
        ops.AlterField(
            model_name='Notification',
            name='kind',
            field=fields.CharEnumField(description='PASSWORD_RESET: PASSWORD_RESET\nTRACKING_IDS: TRACKING_IDS\nTICKET_CREATED: TICKET_CREATED\nAGENT_REPLIED: AGENT_REPLIED\nSTATUS_CHANGED: STATUS_CHANGED\nASSIGNED: ASSIGNED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nEMAIL_REPLY_REFUSED: EMAIL_REPLY_REFUSED\nWELCOME: WELCOME\nGUEST_CONFIRMATION: GUEST_CONFIRMATION', enum_type=NotificationKind, max_length=32),
        ),
        ops.AlterField(
            model_name='Ticket',
            name='guest_language',
            field=fields.CharEnumField(null=True, description='ES: es\nEN: en', enum_type=Language, max_length=2),
        ),
        ops.AddField(
            model_name='Ticket',
            name='held_until',
            field=fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False),
        ),
    ]

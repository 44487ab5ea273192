from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
import functools
from domain.models.enums import Language, NotificationKind, TokenKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('recipient', fields.CharField(max_length=254)),
                ('language', fields.CharEnumField(description='ES: es\nEN: en', enum_type=Language, max_length=2)),
                ('kind', fields.CharEnumField(description='PASSWORD_RESET: PASSWORD_RESET\nTRACKING_IDS: TRACKING_IDS', enum_type=NotificationKind, max_length=32)),
                ('payload', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A message to a person, recorded with the change that caused it and delivered later.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Partner',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'partner', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='idempotency_keys', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=200)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_constraint=True, to_field='id', related_name='idempotency_keys', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'idempotency_key', 'app': 'models', 'unique_together': (('partner', 'key'),), 'pk_attr': 'id', 'table_description': 'The first call with a key reserves it, the ticket it created is recorded on it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PartnerKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('models.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name='keys', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('prefix', fields.CharField(max_length=24)),
                ('key_hash', fields.CharField(unique=True, max_length=64)),
                ('scopes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('requests_per_minute', fields.IntField(default=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'partner_key', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An API key, stored as its sha256 only. The key itself is shown once, at creation.'},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='AuthToken',
            options={'table': 'auth_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An opaque token (a session, a guest pass or a password reset), stored as its sha256.'},
        ),
        ops.AlterField(
            model_name='AuthToken',
            name='kind',
            field=fields.CharEnumField(description='CUSTOMER: CUSTOMER\nSTAFF: STAFF\nGUEST: GUEST\nPASSWORD_RESET: PASSWORD_RESET', enum_type=TokenKind, max_length=16),
        ),
        ops.AddField(
            model_name='AuthToken',
            name='ticket',
            field=fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_constraint=True, to_field='id', related_name='guest_tokens', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Customer',
            name='partner',
            field=fields.ForeignKeyField('models.Partner', source_field='partner_id', null=True, db_constraint=True, to_field='id', related_name='customers', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='SupportLevel',
            name='channel_conditions',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]

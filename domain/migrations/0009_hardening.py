from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0008_sla_truth')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IdempotentRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('scope', fields.CharField(max_length=64)),
                ('key', fields.CharField(max_length=200)),
                ('operation', fields.CharField(max_length=64)),
                ('fingerprint', fields.CharField(max_length=64)),
                ('result_id', fields.BigIntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'idempotent_request', 'app': 'models', 'unique_together': (('scope', 'key'),), 'pk_attr': 'id', 'table_description': 'The first call with a key reserves it (unique per viewer), and the id of what it created\nis recorded once that is committed. A retry with the key gets that, never a second one.'},
            bases=['Model'],
        ),
        # Partners' keys (the only ones so far) become rows of the table every viewer uses.
        ops.RunSQL(
            "INSERT INTO idempotent_request (scope, key, operation, fingerprint, result_id, "
            "created_at) SELECT 'partner:' || partner_id, key, 'createTicket', '', ticket_id, "
            "created_at FROM idempotency_key WHERE ticket_id IS NOT NULL",
            reverse_sql="",
        ),
        ops.DeleteModel(name='IdempotencyKey'),
        ops.AddField(
            model_name='Notification',
            name='claimed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='OutboxJob',
            name='request_id',
            field=fields.CharField(null=True, max_length=128),
        ),
        ops.AddField(
            model_name='Message',
            name='unverified',
            field=fields.BooleanField(default=False, null=True),
        ),
    ]

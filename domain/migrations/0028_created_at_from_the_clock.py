from tortoise import fields
from tortoise.migrations import operations as ops

from domain.clock import utcnow
from domain.schema_migration import Migration as MesaMigration

# `created_at` set from Mesa's clock (domain.models.moments) instead of Tortoise's auto_now_add:
# a Python-side default, so the columns do not change. Only the migration state is altered:
# on SQLite an AlterField rebuilds its table, which would drop the table's indexes.


class AlterDefaultOnly(ops.AlterField):
    reads_state_before = False  # it changes no table (domain.schema_migration)

    async def database_forward(self, *args, **kwargs) -> None:
        return None

    async def database_backward(self, *args, **kwargs) -> None:
        return None


class Migration(MesaMigration):
    dependencies = [('models', '0027_catalogue_stamp')]

    initial = False

    operations = [
        AlterDefaultOnly(
            model_name='AuditEntry',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, db_index=True, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='AuthToken',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='Customer',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='IdempotentRequest',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='Notification',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='Partner',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='PartnerKey',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='Service',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
        AlterDefaultOnly(
            model_name='Staff',
            name='created_at',
            field=fields.DatetimeField(default=utcnow, auto_now=False, auto_now_add=False),
        ),
    ]

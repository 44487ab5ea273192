from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops

# The notifications' index by recipient holds the automatic answers alone, the rows the
# hourly limit on them counts (domain.email.loops): every other notification wrote a page
# of it too (a new ticket's alerts to its agents, each at the place of their address).
_OLD = '"idx_notificatio_recipie_510c22"'
_NEW = '"notification_automatic_answers"'
# As domain.models.outbox.AUTOMATIC_ANSWER_ROWS has it today (tests/test_automatic_answers_index.py
# holds the two equal): a change to those kinds needs a migration of its own.
AUTOMATIC_ANSWER_ROWS = "kind IN ('TICKET_CREATED', 'EMAIL_REPLY_REFUSED')"


async def index_automatic_answers(apps, schema_editor):
    client = schema_editor.client
    await client.execute_script(
        f'CREATE INDEX IF NOT EXISTS {_NEW} ON "notification" ("recipient", "created_at")'
        f" WHERE {AUTOMATIC_ANSWER_ROWS}"
    )
    await client.execute_script(f"DROP INDEX IF EXISTS {_OLD}")


async def index_every_notification(apps, schema_editor):
    client = schema_editor.client
    await client.execute_script(
        f'CREATE INDEX IF NOT EXISTS {_OLD} ON "notification" ("recipient", "kind", "created_at")'
    )
    await client.execute_script(f"DROP INDEX IF EXISTS {_NEW}")


class Migration(MesaMigration):
    dependencies = [('models', '0029_staff_in_catalogue_stamp')]

    initial = False

    operations = [
        ops.RunPython(index_automatic_answers, index_every_notification),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops

# The indexes the models declare that some databases never got: on SQLite, altering a ticket
# column (0016) rebuilt the table without its indexes (and earlier ones did the same to
# ticket_event, notification and inbound_mail); on both backends, fields given an index after
# their table was made (the SLA deadlines, held_until, sla_level) were added without one.
# IF NOT EXISTS: what a database has already is left as it is.
# tests/test_migrated_schema.py holds every migrated database to the models' indexes.
_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "idx_notificatio_message_a057ba" ON "notification" ("message_id")',
    'CREATE INDEX IF NOT EXISTS "idx_notificatio_recipie_510c22" ON "notification" ("recipient", "kind", "created_at")',
    'CREATE INDEX IF NOT EXISTS "idx_notificatio_ticket__725e6a" ON "notification" ("ticket_id", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_resolve_6125db" ON "ticket" ("resolved_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_sla_lev_507506" ON "ticket" ("sla_level_id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_first_r_577b3a" ON "ticket" ("first_response_due_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_next_re_417230" ON "ticket" ("next_response_due_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_resolut_35d5e0" ON "ticket" ("resolution_due_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_sla_che_34a47a" ON "ticket" ("sla_check_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_held_un_4d66f8" ON "ticket" ("held_until")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_departm_41474c" ON "ticket" ("department_id", "status", "created_at", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_custome_f7e2dd" ON "ticket" ("customer_id", "created_at", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_created_eb1832" ON "ticket" ("created_at", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_updated_a10781" ON "ticket" ("updated_at", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_status_08bfef" ON "ticket" ("status", "resolved_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_sla_due_81bfde" ON "ticket" ("sla_due_at", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_assigne_312f7d" ON "ticket" ("assignee_id", "status", "department_id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_departm_f63710" ON "ticket" ("department_id", "status", "assignee_id")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_departm_ec93fe" ON "ticket" ("department_id", "status", "sla_due_at")',
    'CREATE INDEX IF NOT EXISTS "idx_ticket_even_ticket__e190dc" ON "ticket_event" ("ticket_id", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_inbound_mai_message_80ae9e" ON "inbound_mail" ("message_id", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_inbound_mai_content_e63117" ON "inbound_mail" ("content_hash")',
    'CREATE INDEX IF NOT EXISTS "idx_inbound_mai_ticket__69f9b8" ON "inbound_mail" ("ticket_id", "id")',
)


async def restore_indexes(apps, schema_editor):
    for statement in _INDEXES:
        await schema_editor.client.execute_script(statement)


async def keep_indexes(apps, schema_editor):
    """Nothing to undo: the indexes belong to the models."""


class Migration(MesaMigration):
    dependencies = [('models', '0025_custom_fields')]

    initial = False

    operations = [
        ops.RunPython(restore_indexes, keep_indexes),
    ]

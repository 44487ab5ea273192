from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from tortoise import fields

import json

# Seed 001 as written (issue 15): Nivel 2 takes chat and phone in business hours, Nivel 3
# chat and phone in business hours (tickets and email around the clock). Demo databases
# loaded before keep the old conditions; levels an admin changed since are left alone.
_DEMO_CONDITIONS = {
    'N2': ({'PHONE': 'BUSINESS_HOURS'}, {'CHAT': 'BUSINESS_HOURS', 'PHONE': 'BUSINESS_HOURS'}),
    'N3': ({}, {'CHAT': 'BUSINESS_HOURS', 'PHONE': 'BUSINESS_HOURS'}),
}


async def follow_seed_001(apps, schema_editor):
    client = schema_editor.client
    placeholder = '?' if client.capabilities.dialect == 'sqlite' else '$1'
    cast = '' if client.capabilities.dialect == 'sqlite' else '::jsonb'
    rows = await client.execute_query_dict(
        'SELECT id, code, channel_conditions FROM support_level WHERE calendar_id IS NOT NULL'
    )
    for row in rows:
        conditions = row['channel_conditions']
        if isinstance(conditions, str):
            conditions = json.loads(conditions)
        old, new = _DEMO_CONDITIONS.get(row['code'], (None, None))
        if old is not None and conditions == old:
            await client.execute_query(
                f"UPDATE support_level SET channel_conditions = {placeholder}{cast} "
                f"WHERE id = {int(row['id'])}",
                [json.dumps(new)],
            )


async def keep_conditions(apps, schema_editor):
    pass


# Events stored before positions existed keep their id as position (their commit order is
# lost); the counter continues after them (domain.live.positions).
async def number_stored_events(apps, schema_editor):
    client = schema_editor.client
    await client.execute_script("UPDATE ticket_event SET position = id WHERE position IS NULL")
    await client.execute_script(
        "INSERT INTO counter (name, value) "
        "SELECT 'event_position', COALESCE(MAX(id), 0) FROM ticket_event WHERE true "
        "ON CONFLICT (name) DO NOTHING"
    )


async def forget_positions(apps, schema_editor):
    await schema_editor.client.execute_script("DELETE FROM counter WHERE name = 'event_position'")


class Migration(MesaMigration):
    dependencies = [("models", "0007_email")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Ticket",
            name="sla_level_id",
            field=fields.IntField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name="Ticket",
            name="sla_terms",
            field=fields.JSONField(null=True),
        ),
        ops.AddField(
            model_name="Ticket",
            name="sla_next_responses",
            field=fields.JSONField(null=True),
        ),
        ops.RunPython(follow_seed_001, keep_conditions),
        ops.AddField(
            model_name="TicketEvent",
            name="position",
            field=fields.BigIntField(null=True, unique=True),
        ),
        ops.RunPython(number_stored_events, forget_positions),
    ]

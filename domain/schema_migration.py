"""What every migration of domain.migrations subclasses: Tortoise's migration, applied
without copying the schema's state before the operations that never read it.

Tortoise's `Migration.apply` clones the whole state (every model class built again, with its
relations and queries) before each operation, so that the operation may compare the schema
before it with the schema after. Of the operations Mesa's migrations use, only AlterField and
DeleteModel read the state before: a new table, column or index is built from the state
after, and raw SQL and Python change no state (before and after are one). A fresh database's
121 operations cloned it 121 times: 6.5 to 6.8 s of CPU, most of `mesa seed-demo`, of a first
`make run` and of the suite's slowest set-ups; 3.7 s without those clones. Any other
operation, or one of a subclass, gets its clone as in Tortoise, unless its class says it
reads no state before (`reads_state_before = False`); a dry run or collected SQL is
Tortoise's own.
"""

from __future__ import annotations

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State

# Operations whose `database_forward` reads the state after them only.
AFTER_ONLY: frozenset[type[ops.Operation]] = frozenset(
    {
        ops.CreateModel,
        ops.AddField,
        ops.AddIndex,
        ops.AlterModelOptions,  # changes no table
        ops.RunSQL,  # its state_forward changes nothing
        ops.RunPython,  # idem: it reads the state before, which is the state after
    }
)


def reads_state_before(operation: ops.Operation) -> bool:
    """Whether `operation` applied to a database reads the schema's state before it."""
    declared: bool | None = getattr(operation, "reads_state_before", None)
    if declared is not None:
        return declared
    return type(operation) not in AFTER_ONLY


class Migration(migrations.Migration):
    async def apply(
        self,
        state: State,
        *,
        dry_run: bool = False,
        schema_editor: BaseSchemaEditor | None = None,
        collect_sql: bool = False,
    ) -> State:
        if dry_run or schema_editor is None or collect_sql:
            return await super().apply(
                state, dry_run=dry_run, schema_editor=schema_editor, collect_sql=collect_sql
            )
        transactions = schema_editor.client.capabilities.supports_transactions
        for operation in self.operations:
            before = state.clone() if reads_state_before(operation) else state
            operation.state_forward(self.app_label, state)
            await self._run_database_forward(operation, before, state, schema_editor, transactions)
        state.validate_relations_initialized()
        return state

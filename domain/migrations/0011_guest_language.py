from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import Language
from tortoise import fields

class Migration(MesaMigration):
    dependencies = [('models', '0010_install')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Ticket',
            name='guest_language',
            field=fields.CharEnumField(null=True, description='es: es\nen: en', enum_type=Language, max_length=2),
        ),
    ]

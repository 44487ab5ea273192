from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import CustomFieldType, CustomFieldVisibility, EventKind
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(MesaMigration):
    dependencies = [('models', '0024_time_rules')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CustomField',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=50)),
                ('field_type', fields.CharEnumField(description='TEXT: TEXT\nNUMBER: NUMBER\nDATE: DATE\nSELECT: SELECT\nCHECKBOX: CHECKBOX', enum_type=CustomFieldType, max_length=16)),
                ('label_es', fields.CharField(max_length=100)),
                ('label_en', fields.CharField(max_length=100)),
                ('help_es', fields.CharField(default='', max_length=300)),
                ('help_en', fields.CharField(default='', max_length=300)),
                ('options', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='custom_fields', on_delete=OnDelete.CASCADE)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='custom_fields', on_delete=OnDelete.CASCADE)),
                ('is_required', fields.BooleanField(default=False)),
                ('visibility', fields.CharEnumField(description='CUSTOMERS: CUSTOMERS\nSTAFF: STAFF', enum_type=CustomFieldVisibility, max_length=16)),
                ('is_active', fields.BooleanField(default=True)),
                ('position', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'custom_field', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A typed field of tickets, for every ticket or those of one department or category.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketFieldValue',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', db_constraint=True, to_field='id', related_name='field_values', on_delete=OnDelete.CASCADE)),
                ('custom_field', fields.ForeignKeyField('models.CustomField', source_field='custom_field_id', db_constraint=True, to_field='id', related_name='values', on_delete=OnDelete.CASCADE)),
                ('value_text', fields.CharField(max_length=500)),
                ('value_number', fields.FloatField(null=True)),
                ('value_date', fields.DateField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ticket_field_value', 'app': 'models', 'unique_together': (('ticket_id', 'custom_field_id'),), 'indexes': [Index(fields=['custom_field_id', 'value_text']), Index(fields=['custom_field_id', 'value_number']), Index(fields=['custom_field_id', 'value_date'])], 'pk_attr': 'id', 'table_description': "One custom field's value on one ticket, in the column of its type."},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='TicketEvent',
            name='kind',
            field=fields.CharEnumField(description='CREATED: CREATED\nMESSAGE_ADDED: MESSAGE_ADDED\nNOTE_ADDED: NOTE_ADDED\nSTATUS_CHANGED: STATUS_CHANGED\nIMPACT_CHANGED: IMPACT_CHANGED\nDEPARTMENT_CHANGED: DEPARTMENT_CHANGED\nCATEGORY_CHANGED: CATEGORY_CHANGED\nASSIGNED: ASSIGNED\nMERGED: MERGED\nLINKED: LINKED\nSLA_WARNING: SLA_WARNING\nSLA_BREACHED: SLA_BREACHED\nCONTACT_LOGGED: CONTACT_LOGGED\nATTACHMENT_CHANGED: ATTACHMENT_CHANGED\nTAGS_CHANGED: TAGS_CHANGED\nMARKED_SPAM: MARKED_SPAM\nUNMARKED_SPAM: UNMARKED_SPAM\nSPLIT: SPLIT\nTRIGGER_APPLIED: TRIGGER_APPLIED\nSATISFACTION_RATED: SATISFACTION_RATED\nTIME_RULE_APPLIED: TIME_RULE_APPLIED\nCUSTOM_FIELDS_CHANGED: CUSTOM_FIELDS_CHANGED', enum_type=EventKind, max_length=32),
        ),
    ]

from domain.schema_migration import Migration as MesaMigration
from tortoise.migrations import operations as ops
from domain.models.enums import AnnouncementKind, AnnouncementSeverity, ArticleStatus, Difficulty, Language
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# The article search index is a different structure on each backend (domain.kb.search):
# an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL.
_SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)
_POSTGRES_INDEX = (
    "CREATE TABLE article_search ("
    "article_id INT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE, "
    "document TSVECTOR NOT NULL)",
    "CREATE INDEX article_search_document ON article_search USING GIN (document)",
)


async def create_search_index(apps, schema_editor):
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        await client.execute_script(_SQLITE_INDEX)
    else:
        for statement in _POSTGRES_INDEX:
            await client.execute_script(statement)


async def drop_search_index(apps, schema_editor):
    client = schema_editor.client
    table = "article_fts" if client.capabilities.dialect == "sqlite" else "article_search"
    await client.execute_script(f"DROP TABLE IF EXISTS {table}")


class Migration(MesaMigration):
    dependencies = [('models', '0005_attachments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Announcement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='MAINTENANCE: MAINTENANCE\nINCIDENT: INCIDENT', enum_type=AnnouncementKind, max_length=16)),
                ('severity', fields.CharEnumField(description='INFO: INFO\nWARNING: WARNING\nCRITICAL: CRITICAL', enum_type=AnnouncementSeverity, max_length=16)),
                ('title_es', fields.CharField(max_length=200)),
                ('title_en', fields.CharField(max_length=200)),
                ('body_es', fields.TextField(default='', unique=False)),
                ('body_en', fields.TextField(default='', unique=False)),
                ('is_public', fields.BooleanField(default=False)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('published_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('author', fields.ForeignKeyField('models.Staff', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='announcements', on_delete=OnDelete.SET_NULL)),
                ('services', fields.ManyToManyField('models.Service', unique=True, db_constraint=True, through='announcement_service', forward_key='service_id', backward_key='announcement_id', related_name='announcements', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'announcement', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A maintenance or incident notice, in Spanish and English, for some services or all.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Article',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=120)),
                ('title', fields.CharField(max_length=200)),
                ('summary', fields.CharField(default='', max_length=500)),
                ('body_markdown', fields.TextField(unique=False)),
                ('body_html', fields.TextField(unique=False)),
                ('language', fields.CharEnumField(description='ES: es\nEN: en', enum_type=Language, max_length=2)),
                ('status', fields.CharEnumField(default=ArticleStatus.DRAFT, description='DRAFT: DRAFT\nPUBLISHED: PUBLISHED', enum_type=ArticleStatus, max_length=16)),
                ('difficulty', fields.CharEnumField(default=Difficulty.EASY, description='EASY: EASY\nMEDIUM: MEDIUM\nHARD: HARD', enum_type=Difficulty, max_length=16)),
                ('time_needed_minutes', fields.IntField(null=True)),
                ('applies_to', fields.CharField(default='', max_length=200)),
                ('tools_required', fields.CharField(default='', max_length=200)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='articles', on_delete=OnDelete.SET_NULL)),
                ('author', fields.ForeignKeyField('models.Staff', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='articles', on_delete=OnDelete.SET_NULL)),
                ('source_ticket', fields.OneToOneField('models.Ticket', source_field='source_ticket_id', null=True, db_constraint=True, to_field='id', related_name='documentation_article', on_delete=OnDelete.SET_NULL)),
                ('helpful_count', fields.IntField(default=0)),
                ('not_helpful_count', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'article', 'app': 'models', 'indexes': [Index(fields=['status', 'language', 'id'])], 'pk_attr': 'id', 'table_description': 'A help article (seed 003): Markdown written by staff, kept with its rendered HTML.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ArticleVote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='votes', on_delete=OnDelete.CASCADE)),
                ('voter_key', fields.CharField(max_length=64)),
                ('helpful', fields.BooleanField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'article_vote', 'app': 'models', 'unique_together': (('article', 'voter_key'),), 'pk_attr': 'id', 'table_description': 'One "was this helpful?" answer per voter: a person, a guest pass or a browser session.'},
            bases=['Model'],
        ),
        ops.RunPython(create_search_index, drop_search_index),
    ]

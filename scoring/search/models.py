"""The search index: one row per published role or career and per SOC 2020 unit group, and the
vocabulary typos are corrected to.

Rows are written when an item is saved and removed when it is unpublished or deleted, so drafts
are never in it. PostgreSQL searches `vector` (a tsvector of column-marked words with a GIN index) and corrects
words with pg_trgm; SQLite searches an FTS5 table kept beside this one (see the migration).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    ROLE, CAREER, OCCUPATION = "role", "career", "occupation"

    kind = models.CharField(max_length=10)
    object_id = models.BigIntegerField()
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=200)
    title_key = models.CharField(max_length=200, db_index=True)
    alternative_titles = models.JSONField(default=list)
    terms_title = models.TextField()
    terms_alt = models.TextField(blank=True)
    terms_soc = models.TextField(blank=True)
    terms_body = models.TextField(blank=True)
    zone = models.CharField(max_length=6, blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    updated = models.DateTimeField()
    vector = SearchVectorField(null=True)
    # Where the entry sits within its tier of a best-match list: titles of fewer words first (see
    # index.position). SQLite's full-text rows use it as their rowid, so index order is this order.
    position = models.BigIntegerField(null=True, unique=True)

    class Meta:
        app_label = "scoring"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_item")]
        indexes = [
            models.Index(fields=["kind", "zone"], name="search_kind_zone"),
            models.Index(fields=["kind", "position"], name="search_kind_position"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchWord(models.Model):
    """Every stem in the index, so a misspelt word can be corrected to one that finds something."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        app_label = "scoring"

    def __str__(self):
        return self.word


class SearchName(models.Model):
    """Each title and other name of an entry, once from each of its first words, for suggestions.

    'Clinical Coder' is kept as 'clinical coder' and 'coder clinical', so whatever word a visitor
    starts with, what they have typed so far is a prefix of a key: one index range, no ranking of
    thousands of matches while they type. Keys are plain ASCII and compared byte by byte (the
    PostgreSQL column uses the C collation), so a key range is exactly a prefix."""

    TITLE, TITLE_WORD, OTHER_NAME, OTHER_NAME_WORD = range(4)  # better first

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="names")
    key = models.CharField(max_length=200, db_index=True)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        app_label = "scoring"

    def __str__(self):
        return self.key

"""What the search owns: the editors' synonym list, and the database backend's copy of each procedure.

`ProcedureEntry` is a copy: the catalogue is the truth, and `manage.py search_index --rebuild`
rewrites every entry from it. On PostgreSQL a migration adds a generated `tsvector` column (through
`unaccent`) with a GIN index and a trigram index on the folded name; on SQLite an FTS5 table follows
the entries through triggers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import tokens


class Synonym(models.Model):
    """Từ đồng nghĩa: words citizens use for what the catalogue names otherwise ("sổ đỏ")."""

    phrases = models.TextField(
        _("phrases"),
        help_text=_(
            "Words or phrases that mean the same thing, separated by commas, e.g. "
            "“sổ đỏ, giấy chứng nhận quyền sử dụng đất”. A search for any of them finds the others."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["phrases"]

    def __str__(self) -> str:
        return self.phrases

    def folded_phrases(self) -> list[tuple[str, ...]]:
        """The phrases as folded word tuples, without empty or repeated ones."""
        seen: dict[tuple[str, ...], None] = {}
        for phrase in self.phrases.split(","):
            words = tuple(tokens(phrase))
            if words:
                seen.setdefault(words, None)
        return list(seen)


class ProcedureEntry(models.Model):
    """The search's copy of one procedure: its name and body text, folded for matching."""

    procedure = models.OneToOneField(
        "catalogue.Procedure",
        verbose_name=_("procedure"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    published = models.BooleanField(_("published"), default=False)
    is_standard = models.BooleanField(_("national standard record"), default=False)
    for_citizens = models.BooleanField(_("citizens may apply"), default=False)
    has_details = models.BooleanField(_("full record"), default=False)
    name = models.TextField(_("name"))
    name_folded = models.TextField(_("folded name"))
    body_folded = models.TextField(_("folded body"), blank=True)
    fields_folded = models.TextField(_("folded field names"), blank=True)
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    revision = models.PositiveBigIntegerField(_("revision"), default=0, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.name


class IndexState(models.Model):
    """One counter per index, raised by every write, so that processes know their caches are stale."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    revision = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("index state")
        verbose_name_plural = _("index states")

    def __str__(self) -> str:
        return f"{self.key}@{self.revision}"

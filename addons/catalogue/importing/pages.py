"""The procedure pages of an import: one live `ProcedurePage` per procedure, under the catalogue.

Pages are written the fast way: no revision, no audit log entry and no reference index entry per page
(an imported page has nothing in its editors' fields that those would record), with the tree position
computed here instead of looked up for every page. The page is a plain live page without revisions,
which Wagtail's editor opens, edits and publishes like any other.
"""

import unicodedata

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from pages.models import HomePage

from ..models import Procedure, ProcedureIndexPage, ProcedurePage
from .source import CatalogueImportError

INDEX_TITLE = "Thủ tục hành chính"
INDEX_SLUG = "thu-tuc-hanh-chinh"
SLUG_LENGTH = 80
TITLE_LENGTH = 255  # Wagtail's Page.title and seo_title
DESCRIPTION_LENGTH = 160


def ascii_fold(text: str) -> str:
    """Vietnamese without its diacritics: "Đăng ký khai sinh" -> "Dang ky khai sinh"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def procedure_slug(code: str, name: str) -> str:
    """The code and the folded name, e.g. `1-001193-thu-tuc-dang-ky-khai-sinh`, cut at a word."""
    slug = slugify(f"{code.replace('.', '-')} {ascii_fold(name)}")
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug.strip("-")


def page_titles(procedure: Procedure) -> dict[str, str]:
    """The page fields the import owns; every other page field belongs to the editors."""
    title = shorten(procedure.name, TITLE_LENGTH)
    return {
        "title": title,
        "draft_title": title,
        "seo_title": title,
        "search_description": shorten(procedure.description or procedure.name, DESCRIPTION_LENGTH),
    }


def catalogue_index_ensure() -> ProcedureIndexPage:
    """The catalogue page, created and published under the site's home page if missing."""
    index = ProcedureIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = HomePage.objects.first()
    if home is None:
        raise CatalogueImportError(_("There is no home page to put the catalogue under."))
    index = ProcedureIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


class PagePublisher:
    """Creates and retitles the procedure pages of one run."""

    def __init__(self):
        self.index = catalogue_index_ensure()
        self.now = timezone.now()
        self.batch_begin()

    def batch_begin(self) -> None:
        """Take the catalogue's children as they are now, the index locked until the batch commits,
        so that pages created meanwhile (by an editor, another import) are not collided with."""
        list(Page.objects.select_for_update().filter(pk=self.index.pk).values_list("pk"))
        # Not get_children(): treebeard trusts numchild, which the fast path sets per batch.
        children = Page.objects.child_of(self.index)
        self.slugs = set(children.values_list("slug", flat=True))
        last_path = children.order_by("-path").values_list("path", flat=True).first()
        self.next_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1

    def batch_end(self) -> None:
        """Store the catalogue's number of children, which `create` does not maintain."""
        count = Page.objects.child_of(self.index).count()
        Page.objects.filter(pk=self.index.pk).update(numchild=count)
        self.index.numchild = count

    def unique_slug(self, base: str) -> str:
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        return slug

    def create(self, procedure: Procedure) -> ProcedurePage:
        depth = self.index.depth + 1
        page = ProcedurePage(
            procedure=procedure,
            slug=self.unique_slug(procedure_slug(procedure.code, procedure.name)),
            path=Page._get_path(self.index.path, depth, self.next_step),
            depth=depth,
            numchild=0,
            locale_id=self.index.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            **page_titles(procedure),
        )
        self.next_step += 1
        # Page.save() would look both up, once per page.
        page._cached_parent_obj = self.index
        page._is_site_root = False
        page.save(clean=False, log_action=None)
        return page

    def retitle(self, procedure: Procedure) -> None:
        """Bring the titles up to date, or give the procedure its page if it has none.

        Only the live page's row is written: a draft revision an editor has not published yet keeps
        the title it was saved with.
        """
        pages = Page.objects.filter(procedurepage__procedure=procedure)
        if not pages.update(**page_titles(procedure)):
            self.create(procedure)

"""Writes about the site structure."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage


@transaction.atomic
def site_structure_ensure() -> HomePage:
    """The locale, the tree root, a home page and the default site, created where missing.

    Migrations create them on a new database; this restores them where a test flushed the tables.
    """
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Trang chủ",
            slug="home",
            hero_title="Cổng Dịch vụ công",
            hero_text="Tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi kết quả.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home

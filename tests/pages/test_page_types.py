"""Every page type of the project has a factory, and every page renders (issue 2)."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page, get_page_models

from pages.factories import PageFactory

PROJECT_APPS = {"pages"} | {c.label for c in apps.get_app_configs() if c.name.startswith("addons.")}


def all_page_factories() -> dict[type, type]:
    for config in apps.get_app_configs():
        if config.label in PROJECT_APPS:
            try:
                importlib.import_module(f"{config.name}.factories")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.factories":
                    raise
    factories = {}
    stack = list(PageFactory.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not cls._meta.abstract:
            factories.setdefault(cls._meta.model, cls)
    return factories


PROJECT_PAGE_MODELS = [m for m in get_page_models() if m._meta.app_label in PROJECT_APPS]


def test_every_page_type_has_a_factory():
    missing = [m.__name__ for m in PROJECT_PAGE_MODELS if m not in all_page_factories()]
    assert not missing, f"page types without a factory: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda m: m.__name__)
def test_every_page_type_renders_in_vietnamese(client, model):
    page = all_page_factories()[model]()
    assert isinstance(page, Page) and page.live
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert page.title in html


@pytest.mark.django_db
def test_english_is_served_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_header_and_footer_show_the_agency_from_site_settings(client):
    from wagtail.models import Site

    from pages.models import PortalSettings

    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.agency_name = "Ủy ban nhân dân tỉnh Thử Nghiệm"
    settings.hotline = "1900 1234"
    settings.save()
    html = client.get("/").content.decode()
    assert html.count("Ủy ban nhân dân tỉnh Thử Nghiệm") >= 2
    assert "1900 1234" in html


@pytest.mark.django_db
def test_home_page_has_search_box_and_service_links(client):
    from pages.factories import GuidanceIndexPageFactory

    GuidanceIndexPageFactory(slug="huong-dan")
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert "Tìm kiếm" in html
    assert 'href="/huong-dan/"' in html


@pytest.mark.django_db
def test_demo_data_builds_a_site_and_is_safe_to_run_twice(client):
    from django.core.management import call_command

    from addons.accounts.models import User
    from addons.accounts.roles import Role

    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Page.objects.count(), User.objects.count())
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Page.objects.count(), User.objects.count()) == counts
    for role in Role:
        assert User.objects.filter(groups__name=role.value, kind="staff").exists(), role
    assert User.objects.filter(kind="person").exists()
    assert client.get("/huong-dan/").status_code == 200


@pytest.mark.django_db
def test_the_menus_query_of_every_page_has_its_index():
    """The home page's children (every page's menu) are found by depth and path prefix through
    the index of migration pages/0003, not by reading every page of the catalogue."""
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    index = indexes["pages_page_depth_path"]
    assert index["index"] and index["columns"] == ["depth", "path"]

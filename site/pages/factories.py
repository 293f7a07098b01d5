"""Factories for the site's page types. Every page type has one (a test enforces it)."""

import datetime

import factory
from wagtail.models import Page, Site

from .models import (
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


def default_parent() -> Page:
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_page if site else Page.get_first_root_node()


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a published page under `parent` (the default site's home page unless given)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"trang-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or cls.default_parent()).add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    @classmethod
    def default_parent(cls) -> Page:
        return default_parent()


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Trang chủ"
    hero_title = "Cổng Dịch vụ công"
    hero_text = "Tra cứu thủ tục, nộp hồ sơ trực tuyến."

    @classmethod
    def default_parent(cls) -> Page:
        return Page.get_first_root_node()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A home page is the root of the default site, or nobody could reach it."""
        page = super()._create(model_class, *args, **kwargs)
        site = Site.objects.get(is_default_site=True)
        site.root_page = page
        site.save()  # save(), not update(): it clears Wagtail's cache of site root paths
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "Giới thiệu về cổng dịch vụ công."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung trang.</p>")])


class GuidanceIndexPageFactory(PageFactory):
    class Meta:
        model = GuidanceIndexPage

    title = "Hướng dẫn"
    intro = "<p>Các hướng dẫn sử dụng dịch vụ công.</p>"


class GuidancePageFactory(PageFactory):
    class Meta:
        model = GuidancePage

    summary = "Các bước nộp hồ sơ trực tuyến."
    steps = factory.LazyFunction(
        lambda: [("step", {"title": "Đăng nhập", "body": "<p>Đăng nhập bằng tài khoản.</p>"})]
    )
    faq = factory.LazyFunction(
        lambda: [("question", {"question": "Lệ phí là bao nhiêu?", "answer": "<p>Miễn phí.</p>"})]
    )

    @classmethod
    def default_parent(cls) -> Page:
        return GuidanceIndexPage.objects.first() or GuidanceIndexPageFactory()


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Tin tức"


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    date = factory.LazyFunction(datetime.date.today)
    summary = "Tin mới về dịch vụ công trực tuyến."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung tin.</p>")])

    @classmethod
    def default_parent(cls) -> Page:
        return NewsIndexPage.objects.first() or NewsIndexPageFactory()

"""Pages of imported procedures: slugs, tree position, and the editors' work in the Wagtail admin."""

from pathlib import Path

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from addons.accounts.factories import StaffFactory
from addons.catalogue import importing
from addons.catalogue.factories import ProcedureIndexPageFactory, ProcedurePageFactory
from addons.catalogue.importing import catalogue_import
from addons.catalogue.importing.naming import agency_kind, levels_from_agencies
from addons.catalogue.importing.pages import ascii_fold, procedure_slug
from addons.catalogue.models import ProcedurePage
from tests.conftest import verified_login

DEMO = Path(importing.__file__).resolve().parent.parent / "demo_data"


@pytest.mark.parametrize(
    ("code", "name", "slug"),
    [
        ("1.001193", "Thủ tục đăng ký khai sinh", "1-001193-thu-tuc-dang-ky-khai-sinh"),
        ("2.000815", "Chứng thực bản sao từ bản chính", "2-000815-chung-thuc-ban-sao-tu-ban-chinh"),
        ("1.004194", "Đăng ký tạm trú (ĐT)", "1-004194-dang-ky-tam-tru-dt"),
    ],
)
def test_slug_is_the_code_and_the_folded_name(code, name, slug):
    assert procedure_slug(code, name) == slug


def test_long_slug_is_cut_at_a_word():
    slug = procedure_slug(
        "1.115369", "Đăng ký biến động đối với trường hợp thay đổi quyền sử dụng đất"
    )
    assert len(slug) <= 80
    assert slug == "1-115369-dang-ky-bien-dong-doi-voi-truong-hop-thay-doi-quyen-su-dung-dat"[:80]
    words = "chuyển nhượng " * 20
    cut = procedure_slug("1.1", words)
    whole = "1-1-" + "-".join(ascii_fold(words).split()).lower()
    assert len(cut) <= 80
    assert whole.startswith(cut) and whole[len(cut)] == "-"  # a whole word, not a piece of one


def test_ascii_fold_removes_every_vietnamese_mark():
    assert ascii_fold("Đường Điện Biên Phủ, ỹ ự ẵ") == "Duong Dien Bien Phu, y u a"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Bộ Tư pháp", "ministry"),
        ("Cục Quản lý xuất nhập cảnh - Bộ Công an", "ministry"),
        ("Ủy ban Chứng khoán Nhà nước - Bộ tài chính", "ministry"),
        ("Sở Tư pháp tỉnh Lâm Đồng", "department"),
        ("UBND tỉnh Nghệ An", "province"),
        ("Ủy ban nhân dân thành phố Hà Nội", "province"),
        ("UBND Phường Kinh Bắc, tỉnh Bắc Ninh", "commune"),
        ("Uỷ ban nhân dân xã Tà Xùa", "commune"),
        ("Ủy ban nhân dân huyện Đức Trọng", "district"),
        ("Ủy ban nhân dân cấp xã", "group"),
        ("Công an cấp Tỉnh", "group"),
        ("Sở Tài chính các tỉnh, thành phố", "group"),
        ("Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "group"),
        ("Chi cục Hải quan khu vực", "unit"),
    ],
)
def test_agency_kind_from_its_name(name, kind):
    assert agency_kind(name) == kind


@pytest.mark.parametrize(
    ("names", "levels"),
    [
        (["Ủy ban nhân dân cấp xã"], {"commune"}),
        (["Công an cấp Xã"], {"commune"}),
        (["UBND Phường Từ Sơn, tỉnh Bắc Ninh"], {"commune"}),
        (["Sở Y tế"], {"province"}),
        (["Ủy ban nhân dân tỉnh Lâm Đồng"], {"province"}),
        (["Bảo hiểm xã hội tỉnh"], {"province"}),
        (["Chủ tịch ủy ban nhân dân cấp tỉnh"], {"province"}),
        (["Bộ Xây dựng"], {"ministry"}),
        (["Tổng cục Hải quan"], {"ministry"}),
        (["Cục Thuế - Bộ tài chính", "Thuế cơ sở"], {"ministry"}),
        (["Công an cấp Tỉnh", "Công an cấp Xã"], {"province", "commune"}),
        (["Ủy ban nhân dân thị xã Sơn Tây"], set()),
        (["Chi nhánh Văn phòng đăng ký đất đai khu vực"], set()),
        ([], set()),
    ],
)
def test_levels_inferred_from_agency_names(names, levels):
    assert levels_from_agencies(names) == levels


@pytest.mark.django_db
def test_slug_taken_by_another_page_gets_a_suffix_and_the_tree_stays_valid():
    index = ProcedureIndexPageFactory()
    taken = ProcedurePageFactory(parent=index, slug="1-001193-thu-tuc-dang-ky-khai-sinh")

    catalogue_import(path=DEMO)

    page = ProcedurePage.objects.get(procedure__code="1.001193")
    assert page.slug == "1-001193-thu-tuc-dang-ky-khai-sinh-2"
    assert ProcedurePage.objects.get(pk=taken.pk).slug == "1-001193-thu-tuc-dang-ky-khai-sinh"
    index.refresh_from_db()
    assert index.numchild == 41
    assert [p.pk for p in index.get_children()] == [taken.pk] + list(
        ProcedurePage.objects.exclude(pk=taken.pk).order_by("path").values_list("pk", flat=True)
    )
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_OSS_1_imported_page_opens_edits_and_publishes_in_the_admin(client):
    catalogue_import(path=DEMO)
    page = ProcedurePage.objects.get(procedure__code="1.001193")
    assert page.latest_revision is None  # the fast path wrote no revision
    editor = StaffFactory(is_superuser=True)
    verified_login(client, editor)
    url = f"/admin/pages/{page.pk}/edit/"

    response = client.get(url)

    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in response.content.decode()

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "guidance": streamfield(
                [("paragraph", rich_text("<p>Mang theo giấy chứng sinh bản chính.</p>"))]
            ),
            "sample_dossier": streamfield([]),
            "form_templates": streamfield([]),
            "video": streamfield([]),
            "faq": streamfield([]),
            "form_fields": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    page = ProcedurePage.objects.get(pk=page.pk)
    assert page.live and page.live_revision is not None
    assert "Mang theo giấy chứng sinh bản chính." in page.guidance[0].value.source
    assert page.procedure.code == "1.001193"
    assert client.get(page.url).status_code == 200

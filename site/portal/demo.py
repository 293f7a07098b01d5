"""Demo data for a newcomer's `make run`: pages, an agency with units, one account per role.

Every function is idempotent: running `load_demo_data` twice leaves one copy of everything.
"""

import datetime
from base64 import b32encode
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from addons.accounts import services as account_services
from addons.accounts.models import User
from addons.accounts.roles import Role
from addons.catalogue.importing import ImportReport, catalogue_import
from addons.catalogue.models import Agency
from pages.models import (
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PortalSettings,
    StandardPage,
)

CATALOGUE_DEMO_DATA = Path(__file__).resolve().parents[2] / "addons/catalogue/demo_data"
DEMO_PASSWORD = "demo-12345"  # noqa: S105 - printed for the demo; never used outside it  # nosec B105
PROVINCE = "Ủy ban nhân dân tỉnh Lâm Đồng"


@dataclass
class DemoAccount:
    username: str
    role: str
    totp_secret: str = ""
    backup_codes: tuple[str, ...] = ()


def _child(parent: Page, model, slug: str, **fields) -> Page:
    """The child of `parent` with this slug, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_site() -> HomePage:
    home = HomePage.objects.first()
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port, site.site_name = "127.0.0.1", 8000, "Cổng Dịch vụ công tỉnh Lâm Đồng"
    site.save()
    settings = PortalSettings.for_site(site)
    settings.agency_name = PROVINCE
    settings.portal_name = "Cổng Dịch vụ công tỉnh Lâm Đồng"
    settings.address = "Số 36 Trần Phú, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng"
    settings.hotline = "1900 0000"
    settings.email = "motcua@lamdong.example.vn"
    settings.footer_note = "Bản trình diễn: dữ liệu chỉ dùng để thử nghiệm."
    settings.save()

    guides = _child(
        home,
        GuidanceIndexPage,
        "huong-dan",
        title="Hướng dẫn",
        show_in_menus=True,
        intro="<p>Hướng dẫn từng bước sử dụng dịch vụ công trực tuyến.</p>",
    )
    _child(
        guides,
        GuidancePage,
        "nop-ho-so-truc-tuyen",
        title="Nộp hồ sơ trực tuyến",
        summary="Bốn bước để nộp một hồ sơ mà không phải đến cơ quan.",
        steps=[
            (
                "step",
                {
                    "title": "Đăng nhập",
                    "body": "<p>Đăng nhập bằng tài khoản định danh điện tử.</p>",
                },
            ),
            (
                "step",
                {"title": "Chọn thủ tục", "body": "<p>Tìm thủ tục theo tên hoặc lĩnh vực.</p>"},
            ),
            (
                "step",
                {"title": "Khai và đính kèm", "body": "<p>Điền tờ khai, tải giấy tờ lên.</p>"},
            ),
            (
                "step",
                {"title": "Nộp và theo dõi", "body": "<p>Nhận mã hồ sơ, theo dõi tiến độ.</p>"},
            ),
        ],
        faq=[
            (
                "question",
                {
                    "question": "Tôi có phải nộp bản giấy không?",
                    "answer": "<p>Không, trừ khi thủ tục yêu cầu bản chính khi nhận kết quả.</p>",
                },
            ),
            (
                "question",
                {
                    "question": "Làm sao biết hồ sơ đã được tiếp nhận?",
                    "answer": "<p>Cổng gửi thông báo và giấy tiếp nhận có mã hồ sơ.</p>",
                },
            ),
        ],
    )
    _child(
        guides,
        GuidancePage,
        "tra-cuu-tien-do",
        title="Tra cứu tiến độ hồ sơ",
        summary="Theo dõi hồ sơ bằng mã hồ sơ in trên giấy tiếp nhận.",
        steps=[
            (
                "step",
                {"title": "Nhập mã hồ sơ", "body": "<p>Mã có dạng 000.00.18.H37-261128-0001.</p>"},
            )
        ],
    )
    news = _child(home, NewsIndexPage, "tin-tuc", title="Tin tức", show_in_menus=True)
    _child(
        news,
        NewsPage,
        "ra-mat-cong-dich-vu-cong",
        title="Ra mắt Cổng Dịch vụ công của tỉnh",
        date=datetime.date(2026, 11, 1),
        summary="Người dân có thể nộp hồ sơ trực tuyến cả ngày lẫn đêm.",
        body=[
            ("paragraph", "<p>Từ hôm nay, các thủ tục của tỉnh được cung cấp trên cổng mới.</p>")
        ],
    )
    _child(
        news,
        NewsPage,
        "lich-nghi-le",
        title="Lịch làm việc của Bộ phận Một cửa dịp lễ",
        date=datetime.date(2026, 11, 20),
        summary="Bộ phận Một cửa nghỉ theo lịch nghỉ lễ của Nhà nước.",
        body=[("paragraph", "<p>Hồ sơ trực tuyến vẫn được tiếp nhận trong ngày nghỉ.</p>")],
    )
    _child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        show_in_menus=True,
        intro="Cổng Dịch vụ công của tỉnh: một nơi cho mọi thủ tục hành chính.",
        body=[("paragraph", "<p>Cổng được xây dựng trên phần mềm mã nguồn mở.</p>")],
    )
    return home


@transaction.atomic
def load_agencies() -> tuple[Agency, dict[str, Agency]]:
    province, _ = Agency.objects.get_or_create(
        identifier="000.00.00.H37", defaults={"name": PROVINCE, "kind": Agency.Kind.PROVINCE}
    )
    justice, _ = Agency.objects.get_or_create(
        identifier="000.00.18.H37",
        defaults={
            "name": "Sở Tư pháp tỉnh Lâm Đồng",
            "kind": Agency.Kind.DEPARTMENT,
            "parent": province,
        },
    )
    units = {}
    for key, name in [
        ("desk", "Bộ phận Một cửa"),
        ("civil", "Phòng Hành chính tư pháp"),
        ("office", "Văn phòng Sở"),
    ]:
        units[key], _ = Agency.objects.get_or_create(
            parent=justice, name=name, defaults={"kind": Agency.Kind.UNIT}
        )
    return justice, units


def load_catalogue() -> ImportReport:
    """The project's demo catalogue (40 procedures), through the national catalogue import."""
    return catalogue_import(path=CATALOGUE_DEMO_DATA)


STAFF = [
    ("bientap", "Trần Thị Biên", Role.EDITOR, "office"),
    ("motcua", "Lê Văn Cửa", Role.RECEIVING_CLERK, "desk"),
    ("chuyenvien", "Phạm Thị Chuyên", Role.SPECIALIST, "civil"),
    ("truongphong", "Hoàng Văn Phòng", Role.UNIT_HEAD, "civil"),
    ("lanhdao", "Vũ Thị Lãnh", Role.AGENCY_LEADER, "office"),
    ("quantri", "Đỗ Văn Trị", Role.ADMINISTRATOR, "office"),
]


def load_accounts(agency: Agency, units: dict[str, Agency]) -> list[DemoAccount]:
    accounts = []
    for username, full_name, role, unit in STAFF:
        user = account_services.staff_member_create(
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            email=f"{username}@lamdong.example.vn",
            roles=[role],
            agency=agency,
            unit=units[unit],
            is_superuser=role == Role.ADMINISTRATOR,
        )
        device = account_services.totp_device_get_or_create(user, confirmed=True)
        codes = account_services.backup_codes_remaining(user)
        if len(codes) < 3:
            codes = account_services.backup_codes_issue(user)
        accounts.append(
            DemoAccount(
                username=username,
                role=role.label,
                totp_secret=b32encode(device.bin_key).decode().rstrip("="),
                backup_codes=tuple(codes[:3]),
            )
        )
    citizen, created = User.objects.get_or_create(
        username="congdan",
        defaults={
            "full_name": "Nguyễn Văn Dân",
            "email": "congdan@example.vn",
            "kind": User.Kind.PERSON,
            "identity_number": "068090000123",
            "phone": "0912345678",
        },
    )
    if created:
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()
    accounts.append(DemoAccount(username="congdan", role=str(User.Kind.PERSON.label)))
    return accounts


def load_dossiers(agency: Agency, units: dict[str, Agency]) -> int:
    """Dossiers of the demo citizen in every status, handled by the demo staff."""
    from addons.dossiers.demo import load_dossiers as load

    staff = {
        key: User.objects.get(username=username)
        for key, username in [
            ("clerk", "motcua"),
            ("specialist", "chuyenvien"),
            ("head", "truongphong"),
            ("leader", "lanhdao"),
        ]
    }
    citizen = User.objects.get(username="congdan")
    return load(agency=agency, unit=units["civil"], citizen=citizen, staff=staff)

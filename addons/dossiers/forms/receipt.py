"""Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả: the receipt and the appointment (OSS-2)."""

from datetime import datetime

from django.utils import timezone

from ..models import Dossier, DossierDocument, ReturnMethod
from ..process_templates import legal_working_days
from .base import CHANNELS, FormInput, applicant_fields, request_field, submitter_name
from .blocks import Field, FormContent, Grid, Signature, Text
from .text import BLANK, clean, two_digits, vn_datetime, vn_number

COPIES = ["Liên 1: Lưu tại Bộ phận Một cửa", "Liên 2: Giao người nộp hồ sơ"]
NOTE = (
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; 01 liên chuyển kèm "
    "Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận Một cửa; "
    "01 liên giao cho người nộp hồ sơ."
)


def received_documents(dossier: Dossier) -> list[tuple[str, int | None, int | None]]:
    """(name, originals, copies) of each required item the dossier holds a current file for."""
    documents = (
        dossier.documents.filter(
            kind__in=[DossierDocument.Kind.SUBMITTED, DossierDocument.Kind.SCAN], is_current=True
        )
        .select_related("item")
        .order_by("item__group__order", "item__order", "pk")
    )
    found: dict[object, tuple[str, int | None, int | None]] = {}
    for document in documents:
        item = document.item
        key = item.pk if item else ("title", document.title)
        if key not in found:
            found[key] = (
                (clean(item.name), item.original_qty, item.copy_qty)
                if item
                else (clean(document.title), None, None)
            )
    return list(found.values())


def _count(value) -> str:
    """A quantity as "01"; none (or unknown) is left blank."""
    return two_digits(int(value)) if value else ""


def _documents_grid(form: FormInput) -> Grid:
    given = form.value("documents")
    documents = given if given is not None else received_documents(form.dossier)
    rows = [
        [str(n), clean(name), _count(originals), _count(copies)]
        for n, (name, originals, copies) in enumerate(documents, start=1)
    ]
    return Grid(
        ["STT", "Tên giấy tờ", "Bản chính", "Bản sao"], rows, [0.08, 0.64, 0.14, 0.14], (0, 2, 3)
    )


def _return_place(form: FormInput) -> str:
    dossier = form.dossier
    if dossier.return_method == ReturnMethod.BY_POST:
        address = clean(dossier.applicant_address) or BLANK
        return f"Qua dịch vụ bưu chính công ích, đến địa chỉ: {address}"
    if dossier.return_method == ReturnMethod.ELECTRONIC:
        return "Bản điện tử trên Cổng Dịch vụ công, tại trang tra cứu hồ sơ"
    return f"{form.desk}, {form.agency}"


def _register_entry(dossier: Dossier) -> tuple[str, str]:
    """Quyển số / số thứ tự: one book a year, entries numbered in the order of receipt."""
    if dossier.received_at is None:
        return BLANK, BLANK
    received = timezone.localtime(dossier.received_at)
    year_start = timezone.make_aware(datetime(received.year, 1, 1))
    entry = Dossier.objects.filter(
        agency=dossier.agency,
        received_at__gte=year_start,
        received_at__lte=dossier.received_at,
    ).count()
    return str(received.year), two_digits(entry)


def build_receipt(content: FormContent, form: FormInput) -> None:
    dossier = form.dossier
    days = form.value("processing_days", default=None)
    if days is None:
        days = legal_working_days(dossier.procedure, dossier.channel)
    book, entry = _register_entry(dossier)
    content.copies = list(COPIES)
    content.blocks += [
        Field("Bộ phận tiếp nhận", f"{form.desk}, {form.agency}"),
        *applicant_fields(dossier),
        Field("Hình thức nộp", CHANNELS.get(dossier.channel, "")),
        request_field(dossier),
        Text("1. Thành phần hồ sơ nộp gồm:"),
        _documents_grid(form),
        Field("2. Số lượng hồ sơ", f"{two_digits(int(form.value('sets', default=1)))} bộ"),
        Field("3. Thời gian giải quyết hồ sơ theo quy định", f"{vn_number(days)} ngày làm việc"),
        Field("4. Thời gian nhận hồ sơ", vn_datetime(dossier.received_at or dossier.submitted_at)),
        Field(
            "5. Thời gian trả kết quả giải quyết hồ sơ", vn_datetime(dossier.due_at), strong=True
        ),
        Field(
            "6. Nơi nhận kết quả", clean(form.value("return_place", default=_return_place(form)))
        ),
        Text(
            "Vào Sổ theo dõi hồ sơ, Quyển số: "
            f"{form.value('register_book', default=book)}, "
            f"Số thứ tự: {form.value('register_entry', default=entry)}",
            "italic",
        ),
    ]
    content.signatures = [
        Signature("NGƯỜI NỘP HỒ SƠ", name=submitter_name(dossier)),
        Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=form.person("officer")),
    ]
    content.notes = [NOTE]

"""Demo dossiers in every status, walked through the real services and flow (`load_demo_data`)."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from addons.accounts.models import User
from addons.catalogue.models import Agency, DocumentItem, Procedure

from . import services
from .models import Dossier, ReturnMethod, Status

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 595]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PREFERRED_CODES = [
    "2.000635",
    "2.002039",
    "1.001193",
    "1.000894",
    "3.000333",
    "2.000815",
    "1.004873",
]
# (status to reach, how many steps of the flow to walk)
PLAN = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SUBMITTED,
    Status.PROCESSING,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.PAYMENT_REQUESTED,
    Status.AWAITING_APPROVAL,
    Status.RESULT_READY,
    Status.RETURNED,
    Status.NOT_RECEIVED,
    Status.WITHDRAWAL_REQUESTED,
    Status.WITHDRAWN,
    Status.STOPPED,
]


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _procedures() -> list[Procedure]:
    found = list(Procedure.objects.filter(code__in=PREFERRED_CODES, page__live=True))
    return found or list(Procedure.objects.filter(page__live=True)[:5])


def _walk(dossier: Dossier, target: str, staff: dict[str, User], unit: Agency) -> None:
    from workflows.dossier import act, start_for_dossier

    applicant = dossier.applicant
    if target == Status.DRAFT:
        return
    services.dossier_submit(dossier=dossier, actor=applicant)
    start_for_dossier(dossier.pk)  # at once, also inside a test's transaction; once per dossier
    if target == Status.SUBMITTED:
        return
    if target == Status.NOT_RECEIVED:
        act(
            dossier,
            staff["clerk"],
            "refuse",
            reason="Hồ sơ không thuộc thẩm quyền giải quyết của Sở.",
        )
        return
    if target == Status.WITHDRAWN:
        services.dossier_withdraw(dossier=dossier, actor=applicant, reason="Nộp nhầm thủ tục.")
        return
    act(dossier, staff["clerk"], "accept", unit=unit)
    if target == Status.SUPPLEMENT_REQUESTED:
        services.dossier_request_supplement(
            dossier=dossier,
            actor=staff["specialist"],
            items=[
                "Bản sao Giấy khai sinh có chứng thực",
                "Tờ khai có đủ chữ ký của người yêu cầu",
            ],
            note="Đề nghị bổ sung đầy đủ trước khi thẩm định.",
        )
        return
    services.dossier_assign(
        dossier=dossier,
        actor=staff["specialist"],
        handler=staff["specialist"],
        expected_handler_id=None,
    )
    if target == Status.PROCESSING:
        # Xin ý kiến: the specialist asks the agency's office, which has three working days.
        office = (
            Agency.objects.filter(parent_id=dossier.agency_id, name__startswith="Văn phòng")
            .exclude(pk=unit.pk)
            .first()
        )
        if office is not None:
            services.consultation_request(
                dossier=dossier,
                actor=staff["specialist"],
                unit=office,
                question="Đề nghị Văn phòng Sở cho ý kiến về thẩm quyền xác nhận của hồ sơ này.",
                days=3,
            )
        return
    if target == Status.PAYMENT_REQUESTED:
        services.dossier_request_payment(
            dossier=dossier,
            actor=staff["specialist"],
            amount=Decimal(100000),
            description="Lệ phí cấp bản sao",
        )
        return
    if target == Status.WITHDRAWAL_REQUESTED:
        services.dossier_withdraw(dossier=dossier, actor=applicant, reason="Không còn nhu cầu.")
        return
    if target == Status.STOPPED:
        services.dossier_stop(
            dossier=dossier, actor=staff["head"], reason="Người yêu cầu đề nghị dừng giải quyết."
        )
        return
    act(dossier, staff["specialist"], "complete", expected_step=1, note="Hồ sơ đủ điều kiện.")
    act(dossier, staff["head"], "complete", expected_step=2, note="Trình lãnh đạo ký.")
    if target == Status.AWAITING_APPROVAL:
        return
    act(dossier, staff["leader"], "approve", note="Đồng ý cấp.")
    services.document_add(
        dossier=dossier, actor=staff["leader"], uploaded=_pdf("ket-qua.pdf"), kind="result"
    )
    if target == Status.RETURNED:
        act(dossier, staff["clerk"], "return_result", method=ReturnMethod.ELECTRONIC)


def load_dossiers(*, agency: Agency, unit: Agency, citizen: User, staff: dict[str, User]) -> int:
    """Create one demo dossier per planned status for the citizen; nothing when they already exist."""
    if Dossier.objects.filter(applicant=citizen).exists():
        return 0
    procedures = _procedures()
    if not procedures:
        return 0
    for index, target in enumerate(PLAN):
        procedure = procedures[index % len(procedures)]
        dossier = services.dossier_draft_create(
            applicant=citizen, procedure=procedure, agency=agency
        )
        services.dossier_draft_update(
            dossier=dossier,
            actor=citizen,
            form_data={"noi_dung": f"Đề nghị giải quyết thủ tục {procedure.name}"},
            applicant={
                "applicant_address": "Số 12 Phan Đình Phùng, phường Xuân Hương - Đà Lạt, Lâm Đồng"
            },
        )
        items = DocumentItem.objects.filter(group__procedure=procedure).order_by(
            "group__order", "order"
        )
        for position, item in enumerate(items):
            if item.required or position < 2:
                services.document_add(
                    dossier=dossier, actor=citizen, uploaded=_pdf("giay-to.pdf"), item=item
                )
        _walk(dossier, target, staff, unit)
    return len(PLAN)

"""Which forms exist, what each accepts, and `form_context`: the values a form prints."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from ..models import Dossier, DossierEvent
from .base import FormError, FormInput, lookup_url
from .blocks import FormContent
from .control import build_control
from .notices import build_apology, build_refusal, build_stop, build_supplement
from .receipt import build_receipt
from .text import clean, vn_long_date

FORM_RECEIPT = "01"
FORM_SUPPLEMENT = "02"
FORM_REFUSAL = "03"
FORM_APOLOGY = "04"
FORM_CONTROL = "05"
# Circular 03/2025 numbers the notice of stopping 05, which here is still the control slip.
FORM_STOP = "DG"

COMMON_KEYS = frozenset({"place", "issued_at", "desk"})


@dataclass(frozen=True)
class FormSpec:
    title: str
    reference: str
    build: Callable[[FormContent, FormInput], None]
    keys: frozenset[str]
    by_desk: bool  # issued by the one-stop desk; otherwise by the agency itself


FORMS: dict[str, FormSpec] = {
    FORM_RECEIPT: FormSpec(
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "Mẫu số 01",
        build_receipt,
        frozenset(
            {
                "officer",
                "sets",
                "documents",
                "processing_days",
                "return_place",
                "register_book",
                "register_entry",
            }
        ),
        by_desk=True,
    ),
    FORM_SUPPLEMENT: FormSpec(
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Mẫu số 02",
        build_supplement,
        frozenset({"items", "note", "officer", "contact_phone"}),
        by_desk=True,
    ),
    FORM_REFUSAL: FormSpec(
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "Mẫu số 03",
        build_refusal,
        frozenset({"reason", "officer"}),
        by_desk=True,
    ),
    FORM_APOLOGY: FormSpec(
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "Mẫu số 04",
        build_apology,
        frozenset({"reason", "new_due_at", "previous_due_at", "signer"}),
        by_desk=False,
    ),
    FORM_CONTROL: FormSpec(
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "Mẫu số 05",
        build_control,
        frozenset({"coordinating"}),
        by_desk=False,
    ),
    FORM_STOP: FormSpec(
        "Thông báo dừng giải quyết hồ sơ",
        "Mẫu số 05 (Thông tư 03/2025/TT-VPCP)",
        build_stop,
        frozenset({"reason", "stopped_at", "signer"}),
        by_desk=False,
    ),
}


def form_spec(number: str) -> FormSpec:
    try:
        return FORMS[number]
    except KeyError:
        raise FormError(f"There is no form {number!r}; the forms are {', '.join(FORMS)}.") from None


def form_context(
    dossier: Dossier,
    number: str,
    *,
    actor=None,
    event: DossierEvent | None = None,
    **context,
) -> FormContent:
    """Everything form `number` prints for this dossier, before any drawing.

    `event` is the dossier event the form answers: what the caller does not pass (the items asked,
    the reason, the new date) is taken from it. An unknown context key is an error, not ignored.
    """
    spec = form_spec(number)
    unknown = set(context) - spec.keys - COMMON_KEYS
    if unknown:
        raise TypeError(f"Form {number} does not take {', '.join(sorted(unknown))}.")
    if not dossier.code:
        raise FormError("The dossier has no code yet: forms are issued once it is submitted.")
    issued_at = context.get("issued_at") or (event.at if event is not None else timezone.now())
    form = FormInput(dossier=dossier, actor=actor, event=event, values=context, issued_at=issued_at)
    agency = dossier.agency
    if spec.by_desk:
        parent, issuer = form.agency, form.desk
    else:
        parent, issuer = (clean(agency.parent.name) if agency.parent_id else ""), form.agency
    content = FormContent(
        number=number,
        title=spec.title,
        reference=spec.reference,
        code=dossier.code,
        lookup_url=lookup_url(dossier.code),
        issuer_parent=parent,
        issuer=issuer,
        dateline=vn_long_date(issued_at, context.get("place", "")),
    )
    spec.build(content, form)
    return content

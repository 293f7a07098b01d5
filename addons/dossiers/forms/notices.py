"""Forms 02 (supplement), 03 (refusal), 04 (apology) and the notice of stopping (OSS-2)."""

from .base import FormError, FormInput, applicant_fields, request_field
from .blocks import Field, FormContent, Items, Signature, Text
from .text import BLANK, clean, vn_datetime, vn_day

HEAD_OF_AGENCY = Signature("THỦ TRƯỞNG CƠ QUAN", hint="(Ký, ghi rõ họ tên và đóng dấu)")


def _required(form: FormInput, key: str, value, number: str):
    if value in (None, "", [], ()):
        raise FormError(f"Form {number} needs `{key}` (or the event that recorded it).")
    return value


def build_supplement(content: FormContent, form: FormInput) -> None:
    """Everything missing is asked at once (đầy đủ một lần): every item is listed."""
    items = form.value("items", from_event=lambda e: (e.data or {}).get("items"))
    items = [clean(item) for item in _required(form, "items", items, "02") if clean(item)]
    note = clean(form.value("note", from_event=lambda e: e.note))
    officer = form.person("officer")
    phone = clean(form.value("contact_phone", default=BLANK))
    content.blocks += [
        Field("Bộ phận tiếp nhận", f"{form.desk}, {form.agency}"),
        *applicant_fields(form.dossier, lead="Hồ sơ của"),
        request_field(form.dossier),
        Items("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", items),
    ]
    if note:
        content.blocks.append(Field("Lý do", note))
    content.blocks += [
        Text(
            "Hồ sơ cần được bổ sung, hoàn thiện đầy đủ một lần theo các nội dung trên; thời hạn "
            "giải quyết được tính lại từ khi nhận đủ hồ sơ."
        ),
        Text(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{officer or BLANK}, số điện thoại {phone} để được hướng dẫn."
        ),
    ]
    content.signatures = [Signature("NGƯỜI HƯỚNG DẪN", name=officer)]


def build_refusal(content: FormContent, form: FormInput) -> None:
    reason = clean(form.value("reason", from_event=lambda e: e.note))
    _required(form, "reason", reason, "03")
    content.blocks += [
        Field("Bộ phận tiếp nhận", f"{form.desk}, {form.agency}"),
        *applicant_fields(form.dossier),
        request_field(form.dossier),
        Text(
            "Qua nghiên cứu, xem xét hồ sơ và đối chiếu với các quy định hiện hành, "
            f"{form.desk} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
        ),
        Field("Lý do", reason, strong=True),
        Text("Xin thông báo cho Ông/Bà được biết và thực hiện."),
    ]
    content.signatures = [Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=form.person("officer"))]


def _addressee(form: FormInput) -> Text:
    return Text(f"Kính gửi: {clean(form.dossier.applicant_name) or BLANK}", "bold")


def build_apology(content: FormContent, form: FormInput) -> None:
    """Xin lỗi và hẹn lại: the reason and the new date, which may be set only once."""
    dossier = form.dossier
    reason = clean(form.value("reason", from_event=lambda e: e.note))
    _required(form, "reason", reason, "04")
    new_due = form.value("new_due_at", from_event=lambda e: form.event_time("due_at"))
    new_due = new_due or dossier.due_at
    _required(form, "new_due_at", new_due, "04")
    previous = form.value(
        "previous_due_at", from_event=lambda e: form.event_time("previous_due_at")
    )
    previous = previous or dossier.original_due_at
    agency = form.agency
    content.blocks += [
        _addressee(form),
        Text(
            f"Ngày {vn_day(dossier.received_at)}, {agency} tiếp nhận giải quyết hồ sơ của "
            "Ông/Bà như sau:"
        ),
        request_field(dossier),
        Field("Thời gian hẹn trả kết quả", vn_datetime(previous)),
        Text(
            f"Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà theo đúng "
            "thời gian đã hẹn."
        ),
        Field("Lý do", reason, strong=True),
        Text(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà; {agency} thành thật xin lỗi Ông/Bà "
            "và hẹn lại thời gian trả kết quả như sau:"
        ),
        Field("Thời gian hẹn trả kết quả mới", vn_datetime(new_due), strong=True),
        Text("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà."),
    ]
    content.signatures = [_head(form)]


def build_stop(content: FormContent, form: FormInput) -> None:
    """Thông báo dừng giải quyết (Circular 03/2025): why and when the handling stopped."""
    dossier = form.dossier
    reason = clean(form.value("reason", from_event=lambda e: e.note))
    _required(form, "reason", reason, "stop notice")
    stopped_at = form.value("stopped_at", from_event=lambda e: e.at, default=dossier.finished_at)
    content.blocks += [
        _addressee(form),
        Text(f"{form.agency} thông báo dừng giải quyết hồ sơ của Ông/Bà như sau:"),
        request_field(dossier),
        Field("Thời gian nhận hồ sơ", vn_datetime(dossier.received_at)),
        Field("Thời điểm dừng giải quyết", vn_datetime(stopped_at)),
        Field("Lý do dừng giải quyết", reason, strong=True),
        Text(
            "Hồ sơ, giấy tờ Ông/Bà đã nộp (nếu có) được trả lại tại "
            f"{form.desk}, {form.agency}. Xin thông báo để Ông/Bà được biết."
        ),
    ]
    content.signatures = [_head(form)]


def _head(form: FormInput) -> Signature:
    """Signed by the head of the agency: named only when the caller says who signs."""
    return Signature(
        HEAD_OF_AGENCY.role, HEAD_OF_AGENCY.hint, clean(form.value("signer", default=""))
    )

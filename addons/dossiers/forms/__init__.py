"""Biểu mẫu: the printable forms of Circular 01/2018/TT-VPCP (and the 2025 notice of stopping).

Forms 01-05 and the notice are A5 PDFs in Vietnamese, each with the national header, the agency,
the dossier code and a QR code of the public lookup URL; `form_generate` stores one with the
dossier (kind "form", a new version each time), `form_pdf_bytes` only renders it. Which event
produces which form, and what each form takes besides the dossier (keyword arguments; what is not
given is read from `event=`, the DossierEvent the form answers):

- 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on ``received`` (dossier_accept): officer, sets
  (default 1), documents [(name, originals, copies)] (default: the dossier's current files),
  processing_days (default: the procedure's legal time), return_place, register_book,
  register_entry.
- 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, on ``supplement_requested``: items (required;
  event.data["items"]), note (event.note), officer, contact_phone.
- 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ, on ``refused``: reason (required; event.note),
  officer.
- 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả, on ``apology``: reason (required; event.note),
  new_due_at (event.data["due_at"], else dossier.due_at), previous_due_at
  (event.data["previous_due_at"], else dossier.original_due_at), signer.
- 05 Phiếu kiểm soát quá trình giải quyết hồ sơ, printed on demand or on ``step_started`` /
  ``result_ready``: coordinating (agency names); one row per StepRecord.
- DG Thông báo dừng giải quyết hồ sơ (form 05 of Circular 03/2025), on ``stopped``
  (dossier_stop): reason (required; event.note), stopped_at (event.at), signer.

Every form also takes ``place`` (the dateline's town), ``issued_at`` (default: the event's time,
else now) and ``desk`` (default "Bộ phận Một cửa"). ``officer`` defaults to the actor's name, else
the event's actor. An unknown key raises TypeError; a missing required value raises FormError.
The services issue forms after commit with `addons.dossiers.tasks.form_generate_task`.

Form 06, the register (Sổ theo dõi hồ sơ), is `register_rows` with `register_csv` and
`register_pdf` (A4 landscape).
"""

from .base import FormError, lookup_url
from .blocks import Field, FormContent, Grid, Items, Signature, Text
from .content import (
    FORM_APOLOGY,
    FORM_CONTROL,
    FORM_RECEIPT,
    FORM_REFUSAL,
    FORM_STOP,
    FORM_SUPPLEMENT,
    FORMS,
    form_context,
)
from .register import (
    REGISTER_HEADER,
    RegisterRow,
    register_csv,
    register_pdf,
    register_queryset,
    register_rows,
)
from .storage import FORM_ISSUED, form_generate, form_issued_for_event, form_pdf_bytes

__all__ = [
    "FORMS",
    "FORM_APOLOGY",
    "FORM_CONTROL",
    "FORM_ISSUED",
    "FORM_RECEIPT",
    "FORM_REFUSAL",
    "FORM_STOP",
    "FORM_SUPPLEMENT",
    "REGISTER_HEADER",
    "Field",
    "FormContent",
    "FormError",
    "Grid",
    "Items",
    "RegisterRow",
    "Signature",
    "Text",
    "form_context",
    "form_generate",
    "form_issued_for_event",
    "form_pdf_bytes",
    "lookup_url",
    "register_csv",
    "register_pdf",
    "register_queryset",
    "register_rows",
]

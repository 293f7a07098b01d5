"""Upload rules: allowed types checked by content, not by the name; a size limit shown and enforced."""

import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .scanning import ScannerUnavailable, scan_chunks, scanning_enabled

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# type -> (extensions, content test)
ALLOWED_TYPES = {
    "application/pdf": ((".pdf",), lambda head: head.startswith(b"%PDF-")),
    "image/jpeg": ((".jpg", ".jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "image/png": ((".png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        (".docx",),
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
    "application/msword": (
        (".doc",),
        lambda head: head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ),
}


def allowed_extensions() -> list[str]:
    return sorted({ext for exts, _test in ALLOWED_TYPES.values() for ext in exts})


def upload_rules_text() -> str:
    return _("Allowed: %(types)s; at most %(size)s per file.") % {
        "types": ", ".join(e.lstrip(".").upper() for e in allowed_extensions()),
        "size": filesizeformat(MAX_UPLOAD_BYTES),
    }


@dataclass
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def check_upload(uploaded) -> CheckedUpload:
    """Refuse a file that is too big, of a type not allowed, whose content does not match its
    name, or that the virus scanner flags or cannot scan. A file checked once is not re-checked."""
    checked = getattr(uploaded, "_checked_upload", None)
    if checked is not None:
        return checked
    checked = _check(uploaded)
    _scan(uploaded)
    uploaded._checked_upload = checked
    return checked


def _scan(uploaded) -> None:
    if not scanning_enabled():
        return
    uploaded.seek(0)
    try:
        verdict = scan_chunks(uploaded.chunks())
    except ScannerUnavailable as exc:
        logger.error("Upload refused, the virus scanner is unavailable: %s", exc)
        raise ValidationError(
            _(
                "“%(name)s” could not be checked for viruses just now. Nothing was saved; "
                "try again later."
            )
            % {"name": uploaded.name},
            code="scanner_unavailable",
        ) from exc
    finally:
        uploaded.seek(0)
    if not verdict.clean:
        logger.warning("Upload refused, flagged as %s: %s", verdict.signature, uploaded.name)
        raise ValidationError(
            _("“%(name)s” contains a virus or other malware (%(signature)s) and was refused.")
            % {"name": uploaded.name, "signature": verdict.signature},
            code="infected",
        )


def _check(uploaded) -> CheckedUpload:
    name = (uploaded.name or "").lower()
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
            code="too_big",
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for content_type, (extensions, test) in ALLOWED_TYPES.items():
        if name.endswith(extensions):
            if not test(head):
                raise ValidationError(
                    _("“%(name)s” is not really a %(ext)s file. Upload the original document.")
                    % {"name": uploaded.name, "ext": extensions[0].lstrip(".").upper()},
                    code="fake",
                )
            return CheckedUpload(
                content_type=content_type, size=uploaded.size, sha256=_sha256(uploaded)
            )
    raise ValidationError(
        _("“%(name)s” is not an allowed type. %(rules)s")
        % {"name": uploaded.name, "rules": upload_rules_text()},
        code="type",
    )


def _sha256(uploaded) -> str:
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()

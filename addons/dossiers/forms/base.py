"""What every form builder shares: the context it is given and the applicant's lines."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings

from ..models import Channel, Dossier, DossierEvent
from .blocks import Field
from .text import BLANK, clean

DESK = "Bộ phận Một cửa"
CHANNELS = {
    Channel.DIRECT: "Trực tiếp tại Bộ phận Một cửa",
    Channel.ONLINE: "Trực tuyến trên Cổng Dịch vụ công",
    Channel.POSTAL: "Qua dịch vụ bưu chính công ích",
}


class FormError(ValueError):
    """The form cannot be made: an unknown number, or a value it must print is missing."""


def lookup_url(code: str) -> str:
    """The public status page of the dossier; the QR code of every form points here."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/tra-cuu-ho-so/?{urlencode({'code': code})}"


@dataclass
class FormInput:
    """The dossier, who prints, the event the form answers, and the caller's context keys."""

    dossier: Dossier
    actor: object | None
    event: DossierEvent | None
    values: dict
    issued_at: datetime

    def value(self, key: str, from_event=None, default=None):
        """The caller's value, else what the event recorded, else the default."""
        given = self.values.get(key)
        if given not in (None, "", [], ()):
            return given
        if from_event is not None and self.event is not None:
            found = from_event(self.event)
            if found not in (None, "", [], ()):
                return found
        return default

    def event_time(self, key: str) -> datetime | None:
        """A time the service stored in the event's data as ISO text."""
        raw = (self.event.data or {}).get(key) if self.event is not None else None
        return datetime.fromisoformat(raw) if raw else None

    def person(self, key: str) -> str:
        """A person printed under a signature: given by name, else the actor, else the event's."""
        user = self.actor or (self.event.actor if self.event is not None else None)
        fallback = user.get_full_name() if user is not None else ""
        return clean(self.value(key, default=fallback))

    @property
    def desk(self) -> str:
        return clean(self.value("desk", default=DESK))

    @property
    def agency(self) -> str:
        return clean(self.dossier.agency.name)


def applicant_fields(dossier: Dossier, *, lead: str = "Tiếp nhận hồ sơ của") -> list[Field]:
    return [
        Field(lead, clean(dossier.applicant_name) or BLANK, strong=True),
        Field("Địa chỉ", clean(dossier.applicant_address) or BLANK),
        Field("Số điện thoại", clean(dossier.applicant_phone) or BLANK),
        Field("Email", clean(dossier.applicant_email) or BLANK),
    ]


def request_field(dossier: Dossier) -> Field:
    return Field("Nội dung yêu cầu giải quyết", clean(dossier.procedure.name))


def submitter_name(dossier: Dossier) -> str:
    return clean(dossier.submitter_name or dossier.applicant_name)

import factory

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import AgencyFactory, ProcedureFactory, UnitFactory

from .models import Channel, Dossier, Status


class DossierFactory(factory.django.DjangoModelFactory):
    """A draft dossier of a citizen; walk it forward with the services, as a user would."""

    class Meta:
        model = Dossier

    procedure = factory.SubFactory(ProcedureFactory)
    agency = factory.SubFactory(AgencyFactory)
    applicant = factory.SubFactory(UserFactory)
    submitter = factory.SelfAttribute("applicant")
    applicant_name = factory.SelfAttribute("applicant.full_name")
    applicant_identity_number = factory.SelfAttribute("applicant.identity_number")
    applicant_phone = "0912345678"
    applicant_email = factory.SelfAttribute("applicant.email")
    channel = Channel.ONLINE
    status = Status.DRAFT
    form_data = factory.LazyFunction(lambda: {"noi_dung": "Đề nghị giải quyết"})


class AgencyStaff:
    """An agency with a desk, a processing unit and one verified staff member per role."""

    def __init__(self, identifier: str = "000.00.18.H37"):
        self.agency = AgencyFactory(identifier=identifier, name="Sở Tư pháp")
        self.desk = UnitFactory(parent=self.agency, name="Bộ phận Một cửa")
        self.unit = UnitFactory(parent=self.agency, name="Phòng Hành chính tư pháp")
        self.clerk = StaffFactory(
            agency=self.agency, unit=self.desk, roles=["Cán bộ một cửa"], otp=True
        )
        self.specialist = StaffFactory(
            agency=self.agency, unit=self.unit, roles=["Chuyên viên"], otp=True
        )
        self.specialist2 = StaffFactory(
            agency=self.agency, unit=self.unit, roles=["Chuyên viên"], otp=True
        )
        self.head = StaffFactory(
            agency=self.agency, unit=self.unit, roles=["Lãnh đạo phòng"], otp=True
        )
        self.leader = StaffFactory(agency=self.agency, roles=["Lãnh đạo cơ quan"], otp=True)

"""Demo dossiers: one in every status, so that a newcomer sees a living desk."""

import pytest

from addons.catalogue.factories import ProcedurePageFactory
from addons.dossiers.demo import PLAN, load_dossiers
from addons.dossiers.factories import DossierFactory
from addons.dossiers.models import Dossier

pytestmark = pytest.mark.django_db(transaction=True)  # each service commits, as in the command


def test_demo_dossiers_cover_every_status_and_load_once(staff, media):
    ProcedurePageFactory()
    citizen = DossierFactory.build().applicant
    citizen.save()
    people = {
        "clerk": staff.clerk,
        "specialist": staff.specialist,
        "head": staff.head,
        "leader": staff.leader,
    }
    created = load_dossiers(agency=staff.agency, unit=staff.unit, citizen=citizen, staff=people)
    assert created == len(PLAN)
    statuses = sorted(Dossier.objects.filter(applicant=citizen).values_list("status", flat=True))
    assert statuses == sorted(str(s) for s in PLAN)
    assert load_dossiers(agency=staff.agency, unit=staff.unit, citizen=citizen, staff=people) == 0
    assert Dossier.objects.filter(applicant=citizen).count() == len(PLAN)


def test_OSS_2_the_demo_dossier_in_processing_has_consulted_the_office(staff, media):
    from addons.catalogue.factories import UnitFactory
    from addons.dossiers.models import Consultation, Status

    office = UnitFactory(parent=staff.agency, name="Văn phòng Sở")
    ProcedurePageFactory()
    citizen = DossierFactory.build().applicant
    citizen.save()
    people = {"clerk": staff.clerk, "specialist": staff.specialist}
    people |= {"head": staff.head, "leader": staff.leader}
    load_dossiers(agency=staff.agency, unit=staff.unit, citizen=citizen, staff=people)
    asked = Consultation.objects.filter(dossier__applicant=citizen)
    in_processing = PLAN.count(Status.PROCESSING)
    assert in_processing and asked.count() == in_processing
    assert {(c.unit, c.dossier.status) for c in asked} == {(office, Status.PROCESSING)}

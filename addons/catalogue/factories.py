import factory

from .models import Agency


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    identifier = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H{n // 100 % 100:02d}")
    kind = Agency.Kind.DEPARTMENT


class UnitFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm {n}")
    identifier = ""
    kind = Agency.Kind.UNIT
    parent = factory.SubFactory(AgencyFactory)

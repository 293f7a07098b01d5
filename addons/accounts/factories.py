import factory

from addons.catalogue.factories import AgencyFactory

from .models import User
from .roles import Role
from .services import role_groups_ensure, totp_device_get_or_create


class UserFactory(factory.django.DjangoModelFactory):
    """A citizen (công dân)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"congdan{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    kind = User.Kind.PERSON
    identity_number = factory.Sequence(lambda n: f"{n:012d}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class StaffFactory(UserFactory):
    """A staff member (cán bộ) of an agency; `roles` picks the groups, `otp=True` a confirmed device."""

    username = factory.Sequence(lambda n: f"canbo{n}")
    kind = User.Kind.STAFF
    is_staff = True
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            groups = role_groups_ensure()
            self.groups.set([groups[Role(r)] for r in extracted])

    @factory.post_generation
    def otp(self, create, extracted, **kwargs):
        if create and extracted:
            totp_device_get_or_create(self, confirmed=True)

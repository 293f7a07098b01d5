import factory

from addons.accounts.factories import UserFactory

from .models import Channel, Delivery, NotificationPreference


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A delivery of an existing event (pass `event`)."""

    class Meta:
        model = Delivery

    channel = Channel.EMAIL
    recipient = factory.Sequence(lambda n: f"nguoinhan{n}@example.vn")
    subject = "Thông báo"
    body = "Nội dung"

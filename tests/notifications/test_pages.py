"""The applicant's notification settings page (POR-đ) and the deliveries on the staff's dossier
page (OSS-9)."""

import re

import pytest
from django.urls import reverse

from addons.notifications.models import NotificationPreference
from tests.notifications.conftest import publish

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")


def checked(page: str, name: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return " checked" in tag


def test_por_dj_the_applicant_chooses_channels_and_language(client, citizen, settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    client.force_login(citizen)
    page = client.get(URL).content.decode()
    assert 'name="email"' in page and 'name="sms"' in page and 'name="language"' in page
    response = client.post(URL, {"sms": "on", "language": "en"})
    assert response.status_code == 302
    choice = NotificationPreference.objects.get(user=citizen)
    assert (choice.email, choice.sms, choice.language) == (False, True, "en")
    # Shown as saved on the next visit.
    page = client.get(URL).content.decode()
    assert checked(page, "sms") and not checked(page, "email")
    assert re.search(r'<input[^>]*value="en"[^>]*checked', page)


def test_sms_is_not_offered_without_a_gateway(client, citizen, settings):
    settings.SMS_GATEWAY_URL = ""
    client.force_login(citizen)
    assert 'name="sms"' not in client.get(URL).content.decode()
    client.post(URL, {"email": "on", "language": "vi"})
    assert NotificationPreference.objects.get(user=citizen).sms is True  # unchanged default


def test_a_bad_language_is_refused_and_nothing_is_saved(client, citizen):
    client.force_login(citizen)
    response = client.post(URL, {"email": "on", "language": "fr"})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_only_citizens_have_the_page(client, staff):
    assert client.get(URL).status_code == 302  # sign in first
    client.force_login(staff.clerk)
    assert client.get(URL).status_code == 403


def test_the_account_menu_links_to_the_page(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossiers")).content.decode()
    assert f'href="{URL}"' in page


def test_oss_9_staff_see_the_deliveries_of_the_dossier(received, staff, signed_in, sms_gateway):
    sms_gateway.script = [400]
    publish(received.events.get(kind="received"))
    page = signed_in(staff.clerk).get(reverse("backoffice:dossier", args=[received.pk]))
    html = page.content.decode()
    assert 'aria-labelledby="deliveries"' in html
    assert received.applicant_email in html and "+84912345678" in html
    assert 'data-delivery="sent"' in html and 'data-delivery="failed"' in html
    assert "gateway refused: 400" in html

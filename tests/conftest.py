"""Fixtures shared by the whole suite."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from addons.accounts.factories import StaffFactory, UserFactory
from tests.services import reachable, services_required


def totp_now(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, path, username, password, address="203.0.113.7"):
    """Post the sign-in form of `path` as a browser at `address` would."""
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def verified_login(client, user) -> None:
    """Sign `user` in on the test client with a verified OTP device, as the real check would."""
    from addons.accounts.services import totp_device_get_or_create

    device = totp_device_get_or_create(user, confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture(scope="session", autouse=True)
def site_structure(django_db_setup, django_db_blocker):
    """A reused test database may have been left flushed by the last live-server test."""
    with django_db_blocker.unblock():
        base_data_ensure()


def base_data_ensure() -> None:
    """What the migrations create and every test may rely on: site, roles, working calendar,
    the seeded search synonyms (a flush by a transactional test removes them all)."""
    from importlib import import_module

    from django.apps import apps

    from addons.accounts.services import role_groups_ensure
    from addons.workcalendar.services import calendar_defaults_ensure
    from pages.services import site_structure_ensure

    site_structure_ensure()
    role_groups_ensure()
    calendar_defaults_ensure()
    import_module("search.migrations.0003_seed_synonyms").seed(apps, None)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _base_data_after_flush(request, django_db_blocker):
    """Transactional tests (live server, concurrency, real workers) flush every table when they
    end: each starts from the base data, and puts it back for the tests that follow."""
    transactional = _is_transactional(request)
    if transactional:
        request.getfixturevalue("transactional_db")
        base_data_ensure()
    yield
    if transactional:
        with django_db_blocker.unblock():
            base_data_ensure()


@pytest.fixture
def english_screens():
    """Tests that read a screen's message: the screens in English (the msgids). The middleware
    gives unprefixed URLs the default language, so the default is English for the test. The URL
    resolver keeps language prefixes per language: it is rebuilt on the way in and out."""
    from django.test import override_settings
    from django.urls import clear_url_caches
    from django.utils import translation

    with override_settings(LANGUAGE_CODE="en"), translation.override("en"):
        clear_url_caches()
        yield
    clear_url_caches()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def staff_factory(db):
    return StaffFactory


@pytest.fixture
def verified_staff_client(client, db):
    """A client signed in as an agency leader who has passed the OTP check."""
    user = StaffFactory(roles=["Lãnh đạo cơ quan"], otp=True)
    verified_login(client, user)
    client.user = user
    return client


@pytest.fixture(scope="session")
def redis_url():
    from django.conf import settings

    url = settings.TEST_REDIS_URL
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    if not reachable(host, int(port)):
        if services_required():
            pytest.fail(f"Redis is required in CI and does not answer at {url}")
        pytest.skip(f"Redis does not answer at {url}")
    return url


@pytest.fixture(autouse=True)
def _clear_cache():
    """Database changes roll back after each test; the cache (Wagtail's site root paths) must too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request to /en/ must not leak English into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def trail(db):
    """`trail(**filters)`: the audit entries made since the test began (transactional tests keep
    the entries of the tests before them: the audit table is never flushed)."""
    from addons.audit.models import AuditEntry

    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def entries(**filters):
        return list(AuditEntry.objects.filter(pk__gt=last, **filters).order_by("pk"))

    return entries

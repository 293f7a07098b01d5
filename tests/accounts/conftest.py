import pytest

from tests.accounts.oidc_provider import LocalOpenIDProvider


@pytest.fixture(scope="session")
def _local_op():
    provider = LocalOpenIDProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def local_op(_local_op):
    """The local OpenID provider, reset for each test."""
    _local_op.next_claims = {}
    _local_op.tamper = ""
    _local_op.codes.clear()
    _local_op.token_requests.clear()
    _local_op.logouts.clear()
    _local_op.offers_logout = True
    return _local_op


@pytest.fixture
def english(english_screens):
    """Screens and messages in English (the msgids)."""
    yield


@pytest.fixture
def sms_gateway(settings):
    from tests.accounts.sms_gateway import LocalSmsGateway

    gateway = LocalSmsGateway().start()
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_TOKEN = gateway.token
    yield gateway
    gateway.stop()

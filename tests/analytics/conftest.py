import pytest


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield

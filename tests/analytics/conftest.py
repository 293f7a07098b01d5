import pytest


@pytest.fixture
def english(english_screens):
    """Screens and messages in English (the msgids)."""
    yield

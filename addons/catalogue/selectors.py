"""Reads of the catalogue."""


def home_fields() -> list:
    """Fields with published procedures for the home page (filled in by the catalogue)."""
    return []

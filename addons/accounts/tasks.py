"""Celery tasks of the accounts: they take ids and reload."""

from celery import shared_task


@shared_task
def password_reset_send_task(user_id: int, language: str) -> str:
    """Send a link to set a new password, in the language of the page that asked for it. Out of
    the request, so that the page answers as fast whether or not an account matched."""
    from django.utils import translation

    from .models import User
    from .password import reset_send

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return ""
    with translation.override(language):
        return reset_send(user)

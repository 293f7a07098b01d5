"""Private storage for dossier files: outside MEDIA_ROOT, so that no URL can serve them."""

import logging
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT on each use (tests and deployments may change it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def private_file_response(document) -> FileResponse:
    """Stream one dossier file as a download: never cached, never sniffed. The caller has checked
    that this user may have it; a file missing from storage is a 404, and logged."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        logger.error("Dossier file missing from storage: document %s", document.pk)
        raise Http404("The file is missing from storage.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(document.file.name),
        content_type=document.content_type or "application/octet-stream",
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response

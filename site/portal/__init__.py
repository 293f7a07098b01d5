"""The Django project package of the portal."""

import sys
from pathlib import Path

# The add-ons, search and workflows packages live at the repository root, beside site/: a process
# started from site/ (a Celery worker, for one) must find them too.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

from .celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]

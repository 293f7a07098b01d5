"""The one hook other apps use to react to dossier events once they are committed.

The outbox dispatcher sends `outbox_published` once per outbox row it publishes, with
`event` (the committed `DossierEvent`). Delivery is at least once: a receiver may be called
again for the same event (a second dispatcher run, a retry after Redis was down), so receivers
must be idempotent. A receiver that cannot hand the event on (the broker is down) raises; the
dispatcher then leaves the row pending and tries again later.
"""

from django.dispatch import Signal

outbox_published = Signal()

from django.urls import path

from . import lookup
from .portal.views import apply, follow, pay

app_name = "dossiers"

urlpatterns = [
    path("tra-cuu-ho-so/", lookup.lookup_page, name="lookup"),
    # The citizen's side: apply online, then follow "my dossiers" (hồ sơ của tôi).
    path("nop-ho-so/<str:code>/", apply.apply, name="apply"),
    path("ho-so-cua-toi/", follow.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<uuid:uuid>/", follow.detail, name="detail"),
    path("ho-so-cua-toi/<uuid:uuid>/sua/", apply.edit, name="edit"),
    path("ho-so-cua-toi/<uuid:uuid>/xem-lai/", apply.review, name="review"),
    path("ho-so-cua-toi/<uuid:uuid>/nop/", apply.submit, name="submit"),
    path("ho-so-cua-toi/<uuid:uuid>/bo-sung/", follow.supplement, name="supplement"),
    path("ho-so-cua-toi/<uuid:uuid>/rut/", follow.withdraw, name="withdraw"),
    path("ho-so-cua-toi/<uuid:uuid>/thanh-toan/<int:fee_id>/", pay.pay, name="pay"),
    path("thanh-toan/ket-qua/", pay.payment_return, name="payment_return"),
    path(
        "ho-so-cua-toi/<uuid:uuid>/giay-to/<int:document_id>/",
        follow.document_download,
        name="document_download",
    ),
]

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages.views import search
from portal.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("addons.catalogue.api_urls")),
    path("api/v1/dossiers/", include("addons.dossiers.api_urls")),
    path("backoffice/", include("addons.live.backoffice_urls")),
    path("backoffice/", include("addons.backoffice.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sso/", include("addons.accounts.sso.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese at "/", English at "/en/".
urlpatterns += i18n_patterns(
    path("accounts/", include("addons.accounts.urls")),
    path("tai-khoan/thong-bao/", include("addons.notifications.urls")),
    path("", include("addons.dossiers.urls")),
    path("", include("addons.live.urls")),
    path("tim-kiem/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

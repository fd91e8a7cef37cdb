"""URL map. Each app owns its URLs; this file only mounts them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("joud.web.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]

if settings.JOUD_SHOW_OUTBOX:
    urlpatterns.append(path("dev/", include("joud.web.dev_urls")))

handler400 = "joud.web.views.bad_request"
handler403 = "joud.web.views.permission_denied"
handler404 = "joud.web.views.page_not_found"
handler500 = "joud.web.views.server_error"

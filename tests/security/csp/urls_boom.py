"""A URL map with one page that fails, to see the 500 page as the browser gets it."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("joud.urls"))]
handler500 = "joud.web.views.server_error"

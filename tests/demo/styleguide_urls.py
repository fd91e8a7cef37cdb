"""The site's URLs plus the style guide, as the demo profile mounts them (for rendering tests:
the test profile, like production, does not mount it)."""

from django.urls import include, path

from joud.urls import handler400, handler403, handler404, handler500
from joud.urls import urlpatterns as site

urlpatterns = [path("dev/styleguide/", include("joud.demo.styleguide")), *site]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

"""User-level checks for views (organization membership checks live in
``joud.organizations.access``). Business rules stay in services; these only gate pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def ministry_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_ministry_reviewer:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

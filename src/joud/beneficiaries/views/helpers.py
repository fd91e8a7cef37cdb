"""What every case page needs: the caller's address, a service run that turns a refusal into a
form error, and a case looked up inside the caller's organization."""

from __future__ import annotations

from django.http import Http404

from joud.beneficiaries import selectors
from joud.beneficiaries.models import Case
from joud.core.errors import BusinessError


def client_ip(request):
    return request.META.get("REMOTE_ADDR")


def attempt(form, fn, **kwargs):
    """Run a service; a BusinessError becomes a form error (the form keeps its data)."""
    try:
        return fn(**kwargs), True
    except BusinessError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return None, False


def case_or_404(reference):
    try:
        return selectors.case_file(reference=reference)
    except Case.DoesNotExist as exc:  # other organizations' cases are invisible, not forbidden
        raise Http404 from exc

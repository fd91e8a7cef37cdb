"""A coordinator's message to the volunteers of a shift."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.volunteering import access, selectors, services
from joud.volunteering.forms import MessageForm
from joud.volunteering.views.common import form_error


@access.coordinator_required
def message(request, org: str, pk: int):
    shift = get_object_or_404(selectors.organization_shifts(), pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.volunteers_message(
                shift=shift, actor=request.user, **form.cleaned_data
            )
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Message sent to %(n)s volunteers.") % {"n": count})
            return redirect("volunteering:roster", org=org, pk=shift.pk)
    return render(
        request,
        "volunteering/manage/message.html",
        {"organization": request.organization, "shift": shift, "form": form},
    )

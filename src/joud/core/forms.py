"""The free-text reason that goes with a decision (a ministry ruling, ending an initiative early):
text a database can store. A raw ``request.POST.get("reason")`` let a NUL byte through to
PostgreSQL (a 500); a form field refuses it, and anything past ``max_length``, with a message
in the user's language."""

from __future__ import annotations

from django import forms


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=5000)

    def first_error(self) -> str:
        return next(iter(self.errors.get("reason", [])), "")

"""The reason a reviewer writes with a decision: text a database can store (no NUL bytes)."""

from __future__ import annotations

from django import forms


class DecisionForm(forms.Form):
    reason = forms.CharField(required=False, max_length=5000)

    def first_error(self) -> str:
        return next(iter(self.errors.get("reason", [])), "")

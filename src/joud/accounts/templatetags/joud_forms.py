"""Render Django form fields with Bootstrap classes, keeping each widget's own attributes."""

from __future__ import annotations

from django import forms, template

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, _CHECK_WIDGETS)


@register.filter
def bootstrap(bound_field):
    """``{{ field|bootstrap }}``: the widget with form-control / form-check-input classes."""
    widget = bound_field.field.widget
    if isinstance(widget, _CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.name == "code":
        css += " code-input"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_errors")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)

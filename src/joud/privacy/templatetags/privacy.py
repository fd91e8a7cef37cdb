"""The link to the privacy notice, for every form that collects personal data."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from joud.core.errors import BusinessError
from joud.privacy import registry
from joud.privacy.links import NOTICE_LABEL
from joud.privacy.models import Purpose

register = template.Library()


@register.simple_tag
def privacy_notice_link(short: bool = False) -> str:
    text = NOTICE_LABEL if short else gettext("How we use your personal data (privacy notice)")
    return format_html(
        '<a href="{}" class="privacy-notice-link">{}</a>', reverse("privacy:notice"), text
    )


@register.simple_tag
def consent_text(purpose: str) -> str:
    """The current text a person agrees to for ``purpose``, in the page's language: shown by
    the form whose button records that consent."""
    from joud.privacy.services import current_text

    try:
        return current_text(Purpose.objects.get(code=purpose)).text("body")
    except (Purpose.DoesNotExist, BusinessError):
        return ""


@register.filter
def register_text(row, field: str) -> str:
    """A register row's or consent text's ``field`` in the page's language."""
    return row.text(field)


@register.filter
def source_label(key: str) -> str:
    """The heading of one app's part of a person's data."""
    source = registry.SOURCES.get(key)
    return str(source.label) if source else key


@register.filter
def erase_action(action: str) -> str:
    labels = {
        "removed": gettext("removed"),
        "pseudonymised": gettext("name and contact replaced"),
        "kept": gettext("kept"),
    }
    return labels.get(action, action)

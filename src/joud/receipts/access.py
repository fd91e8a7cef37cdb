"""Who may have a receipt: whoever holds the donation's secret link (sent to the donor), the
signed-in donor, or the browser that gave."""

from __future__ import annotations

from django.utils.crypto import constant_time_compare

from joud.donations.access import is_own
from joud.donations.models import Donation


def may_download_receipt(request, donation: Donation) -> bool:
    token = request.GET.get("t", "")
    has_link = bool(token) and constant_time_compare(token, donation.access_token)
    return has_link or is_own(request, donation)

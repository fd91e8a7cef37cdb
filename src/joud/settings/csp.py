"""What the browser may load and where it may send forms: one strict Content-Security-Policy.

Every page is served with the policy ``csp_policy`` builds (Django's own
``ContentSecurityPolicyMiddleware`` sends ``SECURE_CSP``): scripts, styles, fonts and requests
from this site only, so an injected ``<script>``, ``style=""`` or ``onclick=""`` never runs.
No template may contain inline code (``tests/security/csp`` scans them all). Images may also
come from ``data:`` URLs (Bootstrap's icons) and from the media origin when uploads live on S3.

Forms post to this site, and the donation form's answer is a redirect to the gateway's hosted
page: Chromium checks that redirect against ``form-action`` too, so each enabled gateway's
hosted-page origin is listed there (the sandbox's page is this site's own).

``csp_problems`` is the production profile's refusal (``settings.guard``): no middleware, no
policy, or a policy that lets inline code or other sites' scripts in.

``JOUD_NO_STORE_URL_NAMES``: pages a secret link opens without signing in that show someone's
gift or plan; ``joud.core.middleware.NoStoreMiddleware`` tells caches never to keep them (and
every answer to a signed-in person, every post and every file download).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from django.utils.csp import CSP

JOUD_NO_STORE_URL_NAMES = [
    "donations:thanks",
    "donations:thanks_status",
    "donations:plan_manage",
    "receipts:verify",
    "volunteering:consent",
]
CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
# Stripe Checkout's hosted pages (the Checkout Session's ``url``) are served from this origin.
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
# Directives that must stay exactly as strict as csp_policy makes them.
_SELF_ONLY = ("default-src", "script-src", "style-src", "font-src", "connect-src")
_NONE_ONLY = ("object-src", "frame-ancestors")
_NEVER = {CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL, CSP.UNSAFE_HASHES, "*", "data:", "http:", "https:"}


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute http(s) URL, or "" for anything else."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def payment_page_origins(providers: Iterable[str], thawani_base_url: str) -> list[str]:
    """The origins of the enabled gateways' hosted payment pages (the sandbox's is this site)."""
    origins = []
    for provider in providers:
        if provider == "thawani" and origin(thawani_base_url):
            origins.append(origin(thawani_base_url))
        elif provider == "stripe":
            origins.append(STRIPE_CHECKOUT_ORIGIN)
    return list(dict.fromkeys(origins))


def csp_policy(
    providers: Iterable[str], thawani_base_url: str = "", media_origin: str = ""
) -> dict[str, list[str]]:
    """``SECURE_CSP`` for the enabled gateways and the public media's origin ("" on local disk)."""
    images = [CSP.SELF, "data:"]
    if origin(media_origin):
        images.append(origin(media_origin))
    return {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF],
        "img-src": images,
        "font-src": [CSP.SELF],
        "connect-src": [CSP.SELF],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
        "form-action": [CSP.SELF, *payment_page_origins(providers, thawani_base_url)],
    }


def csp_problems(s: Mapping) -> list[str]:
    """Why the settings namespace ``s`` would serve pages without a strict policy (one line each)."""
    if CSP_MIDDLEWARE not in (s.get("MIDDLEWARE") or []):
        return [f"MIDDLEWARE lacks {CSP_MIDDLEWARE}: pages would have no Content-Security-Policy."]
    policy = s.get("SECURE_CSP") or {}
    if not policy:
        return ["SECURE_CSP is empty: pages would have no Content-Security-Policy."]
    problems = []
    for directive in _SELF_ONLY:
        if list(policy.get(directive) or []) != [CSP.SELF]:
            problems.append(f"SECURE_CSP's {directive} must be 'self' only.")
    for directive in _NONE_ONLY:
        if list(policy.get(directive) or []) != [CSP.NONE]:
            problems.append(f"SECURE_CSP's {directive} must be 'none'.")
    for directive in ("base-uri", "form-action", "img-src"):
        values = list(policy.get(directive) or [])
        allowed_data = directive == "img-src"
        if not values or any(v in _NEVER and not (allowed_data and v == "data:") for v in values):
            problems.append(f"SECURE_CSP's {directive} is missing or allows any source.")
    wanted = payment_page_origins(
        s.get("JOUD_PAYMENT_PROVIDERS") or [], s.get("JOUD_THAWANI_BASE_URL", "")
    )
    missing = [o for o in wanted if o not in (policy.get("form-action") or [])]
    if missing:
        problems.append(
            "SECURE_CSP's form-action lacks the payment page of an enabled gateway: "
            + ", ".join(missing)
        )
    return problems

"""The Content-Security-Policy: built by one function, strict on every page of every profile,
and production refuses to start without it."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.csp import CSP, build_policy

from joud.settings.csp import CSP_MIDDLEWARE, csp_policy, csp_problems, origin
from joud.settings.guard import unsafe_production_settings
from tests.settings.profiles import production, run

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def _namespace(**changes):
    s = {
        "MIDDLEWARE": [CSP_MIDDLEWARE],
        "JOUD_PAYMENT_PROVIDERS": ["thawani"],
        "JOUD_THAWANI_BASE_URL": "https://checkout.thawani.om",
        "SECURE_CSP": csp_policy(["thawani"], "https://checkout.thawani.om"),
    }
    s.update(changes)
    return s


# --- the one function --------------------------------------------------------------------


def test_the_sandbox_policy_is_strict_and_sends_forms_to_this_site_only():
    assert build_policy(csp_policy(["sandbox"], "https://uatcheckout.thawani.om")) == STRICT


def test_enabled_gateways_hosted_pages_may_receive_the_donation_forms_redirect():
    policy = csp_policy(["thawani", "stripe"], "https://checkout.thawani.om/api/v1/")
    assert policy["form-action"] == [
        CSP.SELF,
        "https://checkout.thawani.om",
        "https://checkout.stripe.com",
    ]
    # Only the listed gateways: Thawani's URL alone opens nothing.
    assert csp_policy(["stripe"], "https://checkout.thawani.om")["form-action"] == [
        CSP.SELF,
        "https://checkout.stripe.com",
    ]


def test_covers_kept_on_s3_may_be_shown_from_the_media_origin():
    policy = csp_policy(["sandbox"], "", "https://joud-media.s3.me-south-1.amazonaws.com")
    assert policy["img-src"] == [
        CSP.SELF,
        "data:",
        "https://joud-media.s3.me-south-1.amazonaws.com",
    ]
    assert csp_policy(["sandbox"], "", "")["img-src"] == [CSP.SELF, "data:"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://checkout.thawani.om/pay/x?key=1", "https://checkout.thawani.om"),
        ("http://127.0.0.1:9000/bucket", "http://127.0.0.1:9000"),
        ("https://user:secret@media.example.om", "https://media.example.om"),
        ("javascript:alert(1)", ""),
        ("checkout.thawani.om", ""),
        ("", ""),
    ],
)
def test_origin_keeps_scheme_host_and_port_only(url, expected):
    assert origin(url) == expected


# --- production refuses to start without it ----------------------------------------------


def test_a_complete_policy_has_no_problems():
    assert csp_problems(_namespace()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"MIDDLEWARE": []}, "MIDDLEWARE lacks django.middleware.csp"),
        ({"SECURE_CSP": {}}, "SECURE_CSP is empty"),
        (
            {
                "SECURE_CSP": {
                    **csp_policy(["thawani"], "https://checkout.thawani.om"),
                    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
                }
            },
            "script-src must be 'self' only",
        ),
        (
            {
                "SECURE_CSP": {
                    **csp_policy(["thawani"], "https://checkout.thawani.om"),
                    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
                }
            },
            "style-src must be 'self' only",
        ),
        (
            {
                "SECURE_CSP": {
                    **csp_policy(["thawani"], "https://checkout.thawani.om"),
                    "frame-ancestors": None,
                }
            },
            "frame-ancestors must be 'none'",
        ),
        (
            {
                "SECURE_CSP": {
                    **csp_policy(["thawani"], "https://checkout.thawani.om"),
                    "form-action": ["*"],
                }
            },
            "form-action is missing or allows any source",
        ),
        ({"SECURE_CSP": csp_policy(["sandbox"], "")}, "lacks the payment page of an enabled"),
    ],
)
def test_a_missing_or_loose_policy_is_named(changes, message):
    problems = csp_problems(_namespace(**changes))
    assert any(message in p for p in problems), problems


def test_the_production_guard_includes_the_policy_check():
    problems = unsafe_production_settings(
        _namespace(MIDDLEWARE=[]), demo_secret="demo", demo_field_key="demo"
    )
    assert any("Content-Security-Policy" in p for p in problems)


# --- the header on the pages -------------------------------------------------------------


def _assert_strict(response, where: str):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{where}: no Content-Security-Policy"
    assert header == build_policy(settings.SECURE_CSP), where
    assert "unsafe" not in header and "*" not in header, where
    assert "Content-Security-Policy-Report-Only" not in response.headers, where


PAGES = [
    ("anonymous", lambda w: reverse("web:home")),
    ("anonymous", lambda w: reverse("campaigns:detail", args=[w.live.public_code])),
    ("anonymous", lambda w: reverse("campaigns:browse") + "?q=x"),
    ("anonymous", lambda w: reverse("account_login")),
    ("anonymous", lambda w: "/no-such-page/"),
    ("anonymous", lambda w: reverse("volunteering:card", args=[w.card_code])),
    ("donor", lambda w: reverse("web:dashboard")),
    ("caseworker_a", lambda w: reverse("beneficiaries:case_detail", args=[w.case.reference])),
    ("admin_a", lambda w: reverse("web:org_dashboard")),
    ("platform_admin", lambda w: reverse("admin:index")),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "where"), PAGES, ids=[f"{r}-{i}" for i, (r, _w) in enumerate(PAGES)]
)
def test_every_page_is_served_with_the_strict_policy(world, role, where):
    path = where(world)
    response = world.clients[role].get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    _assert_strict(response, f"{role} {path}")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.csp.urls_boom", DEBUG=False)
def test_the_500_page_is_self_contained_and_strict():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    _assert_strict(response, "500 page")
    body = response.content.decode()
    assert "<style" not in body and "<script" not in body
    assert "joud/error.css" in body


PRODUCTION_PAGE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz", secure=True, HTTP_HOST="joud.example.om")
print(json.dumps({"status": response.status_code,
                  "csp": response.headers.get("Content-Security-Policy")}))
"""


def test_the_production_profile_serves_the_strict_policy_with_its_gateways():
    result = run(
        ["-c", PRODUCTION_PAGE],
        production(
            {
                "JOUD_PAYMENT_PROVIDERS": "thawani,stripe",
                "JOUD_STRIPE_SECRET_KEY": "sk_live_example",
                "JOUD_STRIPE_WEBHOOK_SECRET": "whsec_example",
            }
        ),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    assert answer["csp"] == STRICT.replace(
        "form-action 'self'",
        "form-action 'self' https://checkout.thawani.om https://checkout.stripe.com",
    )

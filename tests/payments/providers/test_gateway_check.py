"""``manage.py gateway_check``: the operators' go-live check, replayed from recorded exchanges."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from joud.payments.conformance import gateway_check
from tests.payments.providers.test_thawani import ATTEMPT, REFS, _body, _deliver

ARGS = ["--amount", "10.000", "--refund", "4.000", "--reference", ATTEMPT]
RETURN = ["--return-url", "/give/thanks/JD-THW01/"]
THAWANI = ("thawani_create_session", "thawani_get_session_paid", "thawani_payments_paid")


def _paying_operator(pays_after: int):
    """Stands for the operator paying on the hosted page: Thawani's webhook then arrives."""
    calls = []

    def sleep(_seconds):
        calls.append(1)
        if len(calls) == pays_after:
            assert _deliver(_body())[0] == 200  # recorded; no such donation here

    return sleep


@pytest.mark.django_db
def test_every_step_against_thawanis_test_environment(cassette, capsys, monkeypatch):
    monkeypatch.setattr("joud.payments.conformance.time.sleep", _paying_operator(1))
    with cassette(*THAWANI, "thawani_refund_partial", **REFS):
        call_command("gateway_check", "thawani", *ARGS, *RETURN, "--interval", "1")
    out = capsys.readouterr().out
    assert "Pay 10.000 OMR with a test card: https://uatcheckout.thawani.om/pay/" in out
    for line in (
        "ok   checkout: session checkout_",
        "ok   status poll: paid 10.000 OMR, fee 0.225",
        "ok   webhook: a verified event arrived",
        "ok   signing key: webhook_secret",
        "ok   partial refund: asked 4.000, the gateway refunded 4.000 (done)",
        "thawani: every step worked",
    ):
        assert line in out, out


@pytest.mark.django_db
def test_a_refund_turned_full_and_a_missing_webhook_are_reported(cassette, capsys):
    run = None
    with cassette(*THAWANI, "thawani_refund_check_became_full", **REFS):
        run = gateway_check(
            "thawani",
            amount="10.000",
            refund_amount="4.000",
            reference=ATTEMPT,
            return_url="/give/thanks/JD-THW01/",
            wait_seconds=10,
            sleep=lambda s: None,
            say=lambda s: None,
        )
    steps = {step.name: step for step in run.steps}
    assert not run.ok
    assert not steps["webhook"].ok and "/pay/webhooks/thawani/" in steps["webhook"].detail
    assert not steps["partial refund"].ok
    assert steps["partial refund"].detail == "asked 4.000, the gateway refunded 10.000 (done)"


@pytest.mark.django_db
def test_live_keys_and_unpaid_sessions_stop_the_check(cassette, settings):
    settings.JOUD_THAWANI_BASE_URL = "https://checkout.thawani.om"
    with cassette(), pytest.raises(CommandError, match="not ready to go live"):
        call_command("gateway_check", "thawani", *ARGS)
    settings.JOUD_STRIPE_SECRET_KEY = "sk_live_x"
    run = gateway_check("stripe", say=lambda s: None)
    assert [(s.name, s.ok) for s in run.steps] == [("test keys", False)]
    settings.JOUD_THAWANI_BASE_URL = "https://uatcheckout.thawani.om"
    with cassette("thawani_create_session", "thawani_get_session_unpaid", **REFS):
        run = gateway_check(
            "thawani",
            amount="10.000",
            reference=ATTEMPT,
            return_url="/give/thanks/JD-THW01/",
            wait_seconds=10,
            interval=5,
            sleep=lambda s: None,
            say=lambda s: None,
        )
    assert [(s.name, s.ok) for s in run.steps] == [("checkout", True), ("status poll", False)]
    assert run.steps[-1].detail == "not paid after 10 s"


@pytest.mark.django_db
def test_every_step_against_stripes_test_mode(cassette, capsys, monkeypatch):
    from tests.payments.providers import test_stripe

    def sleep(_seconds):  # the operator pays; Stripe's webhook arrives
        assert test_stripe._deliver(test_stripe._body())[0] == 200

    monkeypatch.setattr("joud.payments.conformance.time.sleep", sleep)
    with cassette(
        "stripe_create_session",
        "stripe_session_paid_expanded",
        "stripe_session_paid",
        "stripe_refund_ok",
        **test_stripe.REFS,
    ):
        call_command(
            "gateway_check",
            "stripe",
            "--amount=10.000",
            "--refund=4.000",
            f"--reference={test_stripe.ATTEMPT}",
            "--return-url=/give/thanks/JD-STR01/",
            "--interval=1",
        )
    out = capsys.readouterr().out
    assert "ok   status poll: paid 10.000 OMR, fee 0.320" in out, out
    assert "ok   webhook: a verified event arrived" in out
    assert "ok   partial refund: asked 4.000, the gateway refunded 4.000 (done)" in out
    assert "stripe: every step worked" in out

"""The organization's pages: drafting through the form, submitting, updates, report, exports."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from tests.campaigns.factories import picture, svg_file
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
State = Initiative.State


def _form(**overrides):
    today = timezone.localdate()
    data = {
        "title_ar": "سلال رمضان للأسر المتعففة",
        "title_en": "Ramadan baskets",
        "summary_ar": "سلة غذائية لكل أسرة",
        "story_ar": "نوزع السلال على الأسر المسجلة لدى الجمعية.",
        "category": "relief",
        "goal": "2500.750",
        "admin_share_percent": "2.00",
        "starts_on": (today + dt.timedelta(days=16)).isoformat(),
        "ends_on": (today + dt.timedelta(days=46)).isoformat(),
    }
    data.update(overrides)
    return data


def test_create_with_cover_then_submit(org_client, organization):
    response = org_client.post("/org/initiatives/new/", _form(cover=picture()))
    assert response.status_code == 302
    with scopes_disabled():
        item = Initiative.objects.get(title_ar="سلال رمضان للأسر المتعففة")
    assert item.state == State.DRAFT and str(item.goal) == "2500.750"
    assert item.cover_image.name.endswith(".jpg")
    org_client.post(f"/org/initiatives/{item.public_code}/submit/")
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


@pytest.mark.parametrize(
    ("field", "value"),
    [("admin_share_percent", "2.5"), ("ends_on", "2020-01-01"), ("goal", "abc")],
)
def test_bad_input_re_shows_the_form_with_data(org_client, field, value):
    response = org_client.post("/org/initiatives/new/?lang=en", _form(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "invalid-feedback" in body and "سلال رمضان للأسر المتعففة" in body


def test_svg_cover_is_refused_in_the_form(org_client):
    response = org_client.post("/org/initiatives/new/", _form(cover=svg_file()))
    assert response.status_code == 200
    with scopes_disabled():
        assert not Initiative.objects.filter(title_ar="سلال رمضان للأسر المتعففة").exists()


def test_submitting_too_late_says_why(org_client, organization):
    today = timezone.localdate()
    item = InitiativeFactory(
        organization=organization, state=State.DRAFT, story_ar="قصة",
        starts_on=today + dt.timedelta(days=3), ends_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    url = f"/org/initiatives/{item.public_code}/"
    response = org_client.post(url + "submit/?lang=en", HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.DRAFT
    assert "at least 15 days" in org_client.get(url).content.decode()


def test_update_and_report_through_the_pages(org_client, organization, client):
    item = InitiativeFactory(organization=organization, state=State.LIVE)
    org_client.post(
        f"/org/initiatives/{item.public_code}/updates/",
        {"body_ar": "وصلت السلال إلى ٣٠٠ أسرة", "photo": picture()},
    )
    public = client.get(item.get_absolute_url()).content.decode()
    assert "وصلت السلال إلى ٣٠٠ أسرة" in public and "/media/updates/" in public
    org_client.post(f"/org/initiatives/{item.public_code}/end/", {"reason": "اكتمل الهدف"})
    item.refresh_from_db()
    assert item.state == State.ENDED and item.report_due_on
    org_client.post(
        f"/org/initiatives/{item.public_code}/report/",
        {
            "narrative_ar": "جمعنا المبلغ كاملاً ووزعناه على الأسر المستحقة في الولاية.",
            "people_reached": "120",
        },
    )
    item.refresh_from_db()
    assert item.state == State.REPORTED


def test_dashboard_flags_overdue(org_client, organization):
    today = timezone.localdate()
    InitiativeFactory(
        organization=organization, state=State.ENDED, title_ar="تقرير فات موعده",
        report_due_on=today - dt.timedelta(days=1),
    )  # fmt: skip
    body = org_client.get("/org/?lang=en").content.decode()
    assert "report is overdue" in body and "table-warning" in body


def test_csv_and_excel_exports(org_client, organization):
    item = InitiativeFactory(organization=organization, title_ar="كفالة طالب علم", goal="1234.567")
    response = org_client.get("/org/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "code"
    assert [item.public_code, "كفالة طالب علم"] == rows[1][:2]
    assert "1234.567" in rows[1]
    response = org_client.get("/org/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == item.public_code
    assert str(sheet["H2"].value) == "1234.567"
    assert org_client.get("/org/export.pdf").status_code == 404

"""An initiative's title that looks like a formula exports as text, in CSV and in Excel."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
ATTACK = '=HYPERLINK("http://x")'


def test_formula_title_exports_as_text(org_client, organization):
    InitiativeFactory(organization=organization, title_ar=ATTACK, title_en="+cmd|' /C calc'!A0")
    response = org_client.get("/org/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + ATTACK
    assert rows[1][2].startswith("'+")
    sheet = load_workbook(io.BytesIO(org_client.get("/org/export.xlsx").content)).active
    assert sheet["B2"].data_type != "f" and sheet["C2"].data_type != "f"
    assert sheet["B2"].value == "'" + ATTACK

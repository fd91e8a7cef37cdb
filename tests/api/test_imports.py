"""Imports of beneficiaries from CSV and Excel: every row checked in the user's language, a
preview that saves nothing and shows possible duplicates, all-or-nothing on a file with a bad
row in the middle, the rejected rows to download, undo within a day."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from joud.api.imports.beneficiaries import COLUMNS
from joud.api.imports.services import import_commit, import_preview, import_undo
from joud.api.models import ImportBatch
from joud.beneficiaries.models import Case, CaseAccessLog, Person
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db

GOOD = [
    [
        "سعيد بن علي الراشدي",
        "11223344",
        "92345678",
        "m",
        "1980",
        "نزوى",
        "living",
        "180",
        "إيجار",
        "yes",
    ],
    [
        "مريم بنت خلفان الكندية",
        "22334455",
        "93456789",
        "f",
        "1975",
        "بهلا",
        "housing",
        "",
        "",
        "نعم",
    ],
    ["ناصر بن حمد الشكيلي", "33445566", "", "m", "1990", "Nizwa", "medical", "", "", "yes"],
]
DUPLICATE_REVIEW = CaseAccessLog.Action.DUPLICATE_REVIEW
BAD_ROW = ["خالد", "12", "123", "x", "80", "مكان مجهول", "nope", "", "", "no"]


def _csv(rows, name="list.csv") -> SimpleUploadedFile:
    lines = [",".join(COLUMNS)] + [",".join(row) for row in rows]
    return SimpleUploadedFile(name, ("\ufeff" + "\n".join(lines)).encode(), "text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("list.xlsx", out.getvalue())


def _cases(org) -> int:
    with scopes_disabled():
        return Case.objects.filter(organization=org).count()


def _preview(org, actor, upload):
    with scopes_disabled():
        return import_preview(organization=org, actor=actor, kind="beneficiaries", upload=upload)


def test_a_clean_file_previews_without_saving_then_saves_every_row(org_a, caseworker_a):
    batch = _preview(org_a, caseworker_a, _csv(GOOD))
    assert [row["error"] for row in batch.report] == ["", "", ""]
    assert _cases(org_a) == 0  # the preview kept nothing
    with scopes_disabled():
        assert not Person.objects.exists()
    with scopes_disabled():
        batch = import_commit(batch=batch, actor=caseworker_a)
    assert batch.state == "committed" and batch.rows == ""  # the rows are wiped once used
    assert _cases(org_a) == 3
    with scopes_disabled():
        names = set(Person.objects.values_list("full_name", flat=True))
    assert "مريم بنت خلفان الكندية" in names


def test_a_bad_row_in_the_middle_saves_nothing_and_says_why_in_arabic(org_a, caseworker_a):
    batch = _preview(org_a, caseworker_a, _csv([GOOD[0], BAD_ROW, GOOD[1]]))
    errors = [row["error"] for row in batch.report]
    assert errors[0] == "" and errors[2] == "" and errors[1]
    assert "الموافقة" in errors[1] or "موافقة" in errors[1]  # the consent, in Arabic
    with scopes_disabled(), pytest.raises(BusinessError):
        import_commit(batch=batch, actor=caseworker_a)
    assert _cases(org_a) == 0
    with scopes_disabled():
        assert ImportBatch.objects.get().state == "preview"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({4: "80"}, "birth"),
        ({5: "مكان مجهول"}, "wilayat"),
        ({6: "nope"}, "category"),
        ({1: "12"}, "civil"),
        ({2: "123"}, "phone"),
        ({7: "99999999999999999999999"}, "income"),
        ({7: "1e9"}, "income"),
    ],
)
def test_each_field_is_checked(org_a, caseworker_a, row, field):
    bad = list(GOOD[0])
    for index, value in row.items():
        bad[index] = value
    batch = _preview(org_a, caseworker_a, _csv([bad]))
    assert batch.report[0]["error"], field


def test_excel_files_are_read_too(org_a, caseworker_a):
    batch = _preview(org_a, caseworker_a, _xlsx(GOOD))
    assert [row["error"] for row in batch.report] == ["", "", ""]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("list.txt", b"hello"),
        SimpleUploadedFile("list.xlsx", b"not a zip"),
        SimpleUploadedFile("list.csv", b"full_name\n\xff\xfe"),
        SimpleUploadedFile("list.csv", b"name,phone\nx,y"),
        SimpleUploadedFile("list.csv", b""),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(org_a, caseworker_a, upload):
    with pytest.raises(BusinessError) as refused:
        _preview(org_a, caseworker_a, upload)
    assert str(refused.value)


def test_the_preview_shows_possible_duplicates_without_naming_another_association(
    org_a, org_b, caseworker_a, caseworker_b
):
    with scopes_disabled():
        theirs = make_case(org_b, caseworker_b, full_name=GOOD[0][0], civil_id=GOOD[0][1])
    batch = _preview(org_a, caseworker_a, _csv([GOOD[0]]))
    (match,) = batch.report[0]["matches"]
    assert match["case"] is None and theirs.reference not in str(batch.report)
    with scopes_disabled():
        assert Case.objects.filter(organization=org_a).count() == 0


def _looks(case):
    return list(
        CaseAccessLog.objects.filter(case=case).values_list("organization_id", "user_id", "action")
    )


def test_a_match_in_another_association_reveals_nothing_and_is_logged_on_its_case(
    client, org_a, org_b, caseworker_a, caseworker_b
):
    with scopes_disabled():
        theirs = make_case(org_b, caseworker_b, full_name=GOOD[0][0], civil_id=GOOD[0][1])
        mine = make_case(org_a, caseworker_a, full_name=GOOD[1][0], civil_id=GOOD[1][1])
    login_with_totp(client, caseworker_a)
    response = client.post(
        "/org/api/imports/",
        {"kind": "beneficiaries", "file": _csv(GOOD[:2])},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302
    with scopes_disabled():
        batch = ImportBatch.objects.get()
    (theirs_match,) = batch.report[0]["matches"]
    assert theirs_match == {"score": None, "case": None}  # not even how alike they are
    (mine_match,) = batch.report[1]["matches"]
    assert mine_match["case"] == mine.reference and mine_match["score"]
    # The preview kept nothing, but the look at the other association's case is on its log.
    looked = DUPLICATE_REVIEW
    assert _looks(theirs) == [(org_b.pk, caseworker_a.pk, looked)]
    entry = CaseAccessLog.objects.get(case=theirs)
    assert entry.ip_address == "192.0.2.7" and batch.file_name in entry.reason
    assert _looks(mine) == []  # our own cases: no cross-association look
    # The commit looks again: logged again.
    client.post(f"/org/api/imports/{batch.pk}/", {"action": "commit"})
    with scopes_disabled():
        assert ImportBatch.objects.get().state == "committed"
    assert _looks(theirs) == [(org_b.pk, caseworker_a.pk, looked)] * 2


def test_undo_within_a_day_and_not_after(org_a, caseworker_a):
    with scopes_disabled():
        batch = import_commit(batch=_preview(org_a, caseworker_a, _csv(GOOD)), actor=caseworker_a)
        import_undo(batch=batch, actor=caseworker_a)
    assert _cases(org_a) == 0
    with scopes_disabled():
        late = import_commit(batch=_preview(org_a, caseworker_a, _csv(GOOD)), actor=caseworker_a)
        ImportBatch.objects.filter(pk=late.pk).update(
            committed_at=timezone.now() - dt.timedelta(days=1, minutes=1)
        )
        late.refresh_from_db()
        with pytest.raises(BusinessError):
            import_undo(batch=late, actor=caseworker_a)
    assert _cases(org_a) == 3


def test_the_pages_preview_save_download_and_stay_in_the_organization(
    client, org_a, caseworker_a, caseworker_b
):
    login_with_totp(client, caseworker_a)
    response = client.post(
        "/org/api/imports/", {"kind": "beneficiaries", "file": _csv([GOOD[0], BAD_ROW])}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert (
        preview.status_code == 200
        and 'name="action" value="commit"' not in preview.content.decode()
    )
    with scopes_disabled():
        batch = ImportBatch.objects.get()
    rejected = client.get(f"/org/api/imports/{batch.pk}/rejected.csv")
    assert rejected.status_code == 200 and b"3," in rejected.content
    client.logout()
    login_with_totp(client, caseworker_b)
    assert client.get(f"/org/api/imports/{batch.pk}/").status_code == 404
    assert client.get(f"/org/api/imports/{batch.pk}/rejected.csv").status_code == 404


def _broken_xlsx(part: str, content: str | None) -> bytes:
    """A real workbook with one of its parts replaced by ``content`` (or removed)."""
    good = _xlsx(GOOD).read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != part:
                dst.writestr(item, src.read(item.filename))
            elif content is not None:
                dst.writestr(part, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("huge.csv", (",".join(COLUMNS) + "\n" + "x" * 140_000 + "\n").encode()),
        ("quote.csv", (",".join(COLUMNS) + '\n"a' + "b" * 140_000).encode()),
        ("sheet.xlsx", _broken_xlsx("xl/worksheets/sheet1.xml", "<broken")),
        ("book.xlsx", _broken_xlsx("xl/workbook.xml", "<<")),
        ("types.xlsx", _broken_xlsx("[Content_Types].xml", None)),
        ("half.xlsx", _xlsx(GOOD).read()[:900]),
    ],
)
def test_a_broken_file_gets_a_message_in_the_users_language_not_a_500(
    client, caseworker_a, name, data
):
    login_with_totp(client, caseworker_a)
    response = client.post(
        "/org/api/imports/",
        {"kind": "beneficiaries", "file": SimpleUploadedFile(name, data)},
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "CSV" in page or "Excel" in page
    assert any(word in page for word in ("لا يمكن", "ليس ملف"))
    with scopes_disabled():
        assert not ImportBatch.objects.exists()

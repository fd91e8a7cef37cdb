"""Reading an uploaded CSV or Excel file into rows of text, whatever the spreadsheet put in the
cells. A file that is not one of these, too big or without the expected header is refused with
a message in the user's language."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from joud.core.errors import BusinessError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# What a damaged or foreign file makes openpyxl raise, while opening or while reading rows
# (read-only mode parses lazily): a bad zip, malformed XML (ParseError and lxml's errors are
# SyntaxErrors), missing parts, odd values.
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    SyntaxError,
    EOFError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    OSError,
)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\x00", "").split())


def _csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BusinessError(_("Save the CSV file as UTF-8 and upload it again.")) from exc
    try:
        return [list(row) for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:  # a cell over the field limit (131,072 characters), a stray quote…
        raise BusinessError(
            _("This CSV file cannot be read: a cell is too long or its quotes are unbalanced.")
        ) from exc


def _xlsx(data: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_rows(book.worksheets[0])
        finally:
            book.close()
    except _XLSX_ERRORS as exc:
        raise BusinessError(_("This is not an Excel (.xlsx) file that can be read.")) from exc


def _sheet_rows(sheet) -> list[list]:
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def read_rows(
    upload, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """The file's rows as dictionaries keyed by ``columns`` (the header row names them) and
    by the ``optional`` columns (empty where the file has no such column)."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise BusinessError(_("The file is larger than 5 MB: split it and upload the parts."))
    data = upload.read()
    if name.endswith(".csv"):
        table = _csv(data)
    elif name.endswith(".xlsx"):
        table = _xlsx(data)
    else:
        raise BusinessError(_("Upload a CSV or Excel (.xlsx) file."))
    table = [[_text(v) for v in row] for row in table if any(_text(v) for v in row)]
    if not table:
        raise BusinessError(_("The file is empty."))
    header = [h.lower() for h in table[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise BusinessError(
            _("The first row must name the columns; missing: %(columns)s")
            % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise BusinessError(_("At most 5,000 rows per file: split it and upload the parts."))
    at = {c: header.index(c) for c in (*columns, *optional) if c in header}

    def cell(row, column: str) -> str:
        index = at.get(column)
        return row[index] if index is not None and index < len(row) else ""

    return [{c: cell(row, c) for c in (*columns, *optional)} for row in table[1:]]

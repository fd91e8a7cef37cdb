"""`make scan`'s own logic (scripts/scan/): what counts as a finding, and what is one kind of page.

The scan itself (wapiti, sqlmap, a production-profile server) runs with `make scan`, not here.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "scan"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"scan_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


crawl = _load("crawl")
summary = _load("summary")
signin = _load("signin")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/initiatives/2D5TSF/", "/initiatives/<x>/"),
        ("/initiatives/ABCDEF/share/x/", "/initiatives/<x>/share/x/"),
        ("/give/org/ataa-sohar/zakat/", "/give/org/<x>/zakat/"),
        ("/cases/give/JC-XNMCEB/", "/cases/give/<x>/"),
        ("/receipts/donation/JDD-000123/pdf/", "/receipts/donation/<x>/pdf/"),
        ("/give/plan/HpvwhKNgd5ertFsjlS3hZH2yqiF_EaDc/", "/give/plan/<x>/"),
        ("/give/zakat/calculator/", "/give/zakat/calculator/"),
        ("/accounts/login/code/", "/accounts/login/code/"),
    ],
)
def test_one_kind_per_page_whatever_object_it_shows(path, kind):
    assert crawl.shape(path) == kind


def _sqlmap_log(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"# https://127.0.0.1:8137/x/?q=1 \n{body}\n[*] ending @ now\n# exit 0\n"
    )


def test_sqlmap_counts_only_what_survived_its_false_positive_check(tmp_path):
    folder = tmp_path / "sqlmap-admin"
    _sqlmap_log(
        folder,
        "00.log",
        "[INFO] GET parameter 'status' appears to be 'AND boolean-based blind' injectable\n"
        "[WARNING] false positive or unexploitable injection point detected\n",
    )
    _sqlmap_log(
        folder,
        "01.log",
        "sqlmap identified the following injection point(s) with a total of 46 HTTP(s) requests:\n"
        "---\nParameter: id (GET)\n    Type: boolean-based blind\n"
        "    Title: AND boolean-based blind - WHERE or HAVING clause\n    Payload: id=1 AND 1=1\n---\n"
        "[WARNING] HTTP error codes detected during run:\n500 (Internal Server Error) - 3 times\n",
    )
    findings, problems, stats = summary.sqlmap_findings(tmp_path, "admin")
    assert [(f["severity"], f["parameter"]) for f in findings] == [
        ("critical", "id (GET)"),
        ("medium", ""),
    ]
    assert problems == [] and stats["targets"] == 2


def test_wapiti_findings_of_both_steps_are_counted_once(tmp_path):
    report = {
        "vulnerabilities": {
            "Content Security Policy Configuration": [
                {
                    "level": 1,
                    "method": "GET",
                    "path": "/",
                    "info": "CSP is not set",
                    "module": "csp",
                }
            ]
        },
        "anomalies": {},
        "additionals": {},
    }
    for step in ("crawl", "attack"):
        (tmp_path / f"wapiti-donor-{step}.json").write_text(json.dumps(report))
    findings, problems = summary.wapiti_findings(tmp_path, "donor")
    assert [f["severity"] for f in findings] == ["low"] and problems == []


def test_the_totp_code_is_rfc_6238():
    # RFC 6238, appendix B: SHA-1, secret "12345678901234567890", T = 59 s -> 94287082 (8 digits).
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert signin.totp(secret, at=59) == "287082"

"""No template of the project carries inline code: the Content-Security-Policy would refuse it
(and a page that needs it would silently break), so a new template with any fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import engines

from tests.security.csp.scanner import scan_text, scan_tree, template_dirs

SRC = Path(__file__).resolve().parents[3] / "src" / "joud"


def test_no_template_has_inline_scripts_styles_handlers_or_javascript_urls():
    findings = [str(f) for f in scan_tree(SRC)]
    assert not findings, (
        "Inline code in templates (move scripts to the app's static JS with data-attributes, "
        "styles to its static CSS):\n" + "\n".join(findings)
    )


def test_the_scan_covers_every_template_folder_django_reads_from_the_project():
    scanned = set(template_dirs(SRC))
    used = {Path(d).resolve() for d in engines["django"].template_dirs}
    ours = {d for d in used if d.is_relative_to(SRC)}
    assert ours, "no project template folder found among Django's"
    assert ours <= {d.resolve() for d in scanned}, ours - scanned
    assert len(scanned) >= 10  # every app's folder, not just the site's


BAD = [
    ("<script>alert(1)</script>", "inline <script>"),
    ('<SCRIPT type="text/javascript">x()</SCRIPT>', "inline <script>"),
    ("<style>p{color:red}</style>", "<style> block"),
    ('<div class="a" style="width: 5%">', "style attribute"),
    ("<p\nstyle='color:red'>", "style attribute"),
    ('<select onchange="this.form.submit()">', "event handler attribute"),
    ("<img src=x onerror='alert(1)'>", "event handler attribute"),
    ('<body onload="go()">', "event handler attribute"),
    ("<svg/onload=alert(1)>", "event handler attribute"),
    ('<button hx-on:click="alert(1)">', "hx-on attribute"),
    ('<a href="javascript:history.back()">', "javascript: URL"),
    ('<a href="JavaScript :void(0)">', "javascript: URL"),
    ('<svg><rect style="fill:red"/></svg>', "style attribute"),
]
GOOD = [
    "<script src=\"{% static 'joud/joud.js' %}\" defer></script>",
    '<script type="application/json" id="data">{"a": 1}</script>',
    "{{ value|json_script:'data' }}",
    '<select data-autosubmit name="state">',
    '<progress class="joud-progress" max="100" value="40"></progress>',
    '<link rel="stylesheet" href="/static/joud/joud.css">',
    '{# a comment may say style="x" or <script> #}',
    '{% comment %}onclick="x"{% endcomment %}',
    '<input data-select-all aria-label="Link">',
    "<p>Donations online</p>",
]


@pytest.mark.parametrize(("source", "rule"), BAD, ids=[b for b, _r in BAD])
def test_the_scanner_finds_each_kind_of_inline_code(source, rule):
    found = scan_text(source)
    assert [f.rule for f in found] == [rule], found


@pytest.mark.parametrize("source", GOOD)
def test_the_scanner_lets_static_files_and_data_blocks_pass(source):
    assert scan_text(source) == []


def test_a_finding_names_the_file_and_line():
    (finding,) = scan_text("<p>ok</p>\n{# note\nover lines #}\n<b style='x'>", "app/t.html")
    assert (finding.path, finding.line) == ("app/t.html", 4)
    assert str(finding).startswith("app/t.html:4: style attribute: <b style='x'>")

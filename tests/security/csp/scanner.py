"""Finds inline code in templates: what a strict Content-Security-Policy would refuse to run.

Inline ``<script>`` (a ``src`` or a JSON data block is fine), ``<style>`` blocks, ``style=""``
attributes, ``on*=""`` event handlers, htmx's ``hx-on`` (it evaluates code) and ``javascript:``
URLs. Template comments are ignored; everything else counts, text included, so a match that is
not code must be reworded rather than hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?application/(ld\+)?json""", re.I)
RULES = (
    ("<style> block", re.compile(r"<style\b", re.I)),
    ("style attribute", re.compile(r"""[\s"']style\s*=""", re.I)),
    ("event handler attribute", re.compile(r"""[\s"'/]on[a-z]+\s*=\s*[^\s>]""", re.I)),
    ("hx-on attribute", re.compile(r"""\b(data-)?hx-on\b""", re.I)),
    ("javascript: URL", re.compile(r"javascript\s*:", re.I)),
)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.text}"


def _blank_comments(source: str) -> str:
    """Comments replaced by as many newlines as they held, so line numbers stay right."""
    return _COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), source)


def scan_text(source: str, path: str = "<template>") -> list[Finding]:
    source = _blank_comments(source)
    found = []

    def add(rule: str, start: int) -> None:
        line = source.count("\n", 0, start) + 1
        text = source.splitlines()[line - 1].strip()[:160]
        found.append(Finding(path, line, rule, text))

    for match in _SCRIPT.finditer(source):
        attrs = match.group(1)
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_BLOCK.search(attrs):
            continue
        add("inline <script>", match.start())
    for rule, pattern in RULES:
        for match in pattern.finditer(source):
            add(rule, match.start())
    return sorted(found, key=lambda f: (f.line, f.rule))


def template_dirs(root: Path) -> list[Path]:
    """Every ``templates`` folder under ``root`` (each app's, the site's), installed or not."""
    return sorted(p for p in root.rglob("templates") if p.is_dir())


def scan_tree(
    root: Path, *, suffixes=(".html", ".htm", ".svg", ".xml", ".txt")
) -> Iterator[Finding]:
    for folder in template_dirs(root):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in suffixes:
                text = path.read_text(encoding="utf-8")
                yield from scan_text(text, str(path.relative_to(root.parents[1])))

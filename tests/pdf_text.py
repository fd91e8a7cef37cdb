"""Reading PDFs back for tests: the text (pdftotext, logical order) and the words of one line as
drawn (pdftotext -bbox: each word's glyphs left to right and where they sit)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")


def pdf_text(pdf: bytes) -> str:
    """The text in logical order; shaped Arabic comes out as presentation forms, NFKC gives the
    letters back."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
    return unicodedata.normalize("NFKC", out)


_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """Without the bidi controls pdftotext adds around runs, every space an ordinary space."""
    return re.sub(r"[ \u00a0\u202f]+", " ", _CONTROLS.sub("", text))


@dataclass(frozen=True)
class Word:
    text: str  # the glyphs as drawn, left to right
    x_min: float
    x_max: float
    y_min: float


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)


def pdf_words(pdf: bytes) -> list[Word]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
    return [
        Word(unicodedata.normalize("NFKC", unescape(text)), float(x0), float(x1), float(y0))
        for x0, y0, x1, text in _WORD.findall(out)
    ]


def line_after(words: list[Word], label: str) -> list[Word]:
    """The words on the same line as ``label`` (a one-word label), left to right, without it."""
    anchor = next(w for w in words if w.text == label)
    line = [w for w in words if abs(w.y_min - anchor.y_min) < 1 and w is not anchor]
    return sorted(line, key=lambda w: w.x_min)


def read_rtl(line: list[Word]) -> str:
    """Words drawn right to left, read as a person reads them (rightmost first), without spaces:
    pdftotext may cut a shaped word between two glyph clusters ("جار ية")."""
    return "".join(w.text[::-1] for w in sorted(line, key=lambda w: -w.x_max))


def read_ltr(words: list[Word]) -> str:
    """Words drawn left to right, line by line from the top."""
    return " ".join(w.text for w in sorted(words, key=lambda w: (round(w.y_min), w.x_min)))


def width(line: list[Word]) -> float:
    return max(w.x_max for w in line) - min(w.x_min for w in line)

"""Text in PDFs (fpdf2 + HarfBuzz): Arabic and Latin mixed on one line, shaped and ordered.

fpdf2 splits each text into bidi runs with the Unicode bidi algorithm and shapes each run on its
own; HarfBuzz then guesses the run's script. Forcing one script and language on the whole text
(``script="latn"`` on an English receipt) shapes an Arabic donor name as Latin: letters unjoined
and reversed. So only the paragraph's direction is ever set, and never the script.
"""

from __future__ import annotations

from fpdf import FPDF


def set_paragraph_direction(pdf: FPDF, direction: str | None) -> None:
    """What ``pdf`` writes next is a paragraph read ``"rtl"`` or ``"ltr"``; ``None``: the
    direction of its first strong letter (a value that may be either: a name, a dedication)."""
    pdf.set_text_shaping(use_shaping_engine=True, direction=direction, script=None, language=None)

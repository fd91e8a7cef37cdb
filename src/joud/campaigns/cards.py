"""The few words a card shows under an initiative's title: its summary, unless the summary only
says the title again ("Help with: Orphan sponsorship."); then the start of its story."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Left
from django.utils.text import Truncator

from joud.campaigns.search import normalize

STORY_LEAD_CHARS = 400  # read from the database for a card: never the whole story
CARD_WORDS = 26  # two or three lines on a phone's card


def with_story_lead(qs: QuerySet) -> QuerySet:
    """Cards defer the stories; this reads only their first few hundred characters."""
    return qs.annotate(
        story_lead_ar=Left("story_ar", STORY_LEAD_CHARS),
        story_lead_en=Left("story_en", STORY_LEAD_CHARS),
    )


def repeats_title(summary: str, title: str) -> bool:
    """True when most of the summary's words are the title's (a restatement, not a story)."""
    words = [w for w in normalize(summary).split() if len(w) > 2]
    if not words:
        return True
    in_title = set(normalize(title).split())
    return sum(w in in_title for w in words) * 2 >= len(words)


def card_text(*, title: str, summary: str, story_lead: str) -> str:
    summary = (summary or "").strip()
    if summary and not repeats_title(summary, title):
        return summary
    lead = " ".join((story_lead or "").split())  # paragraphs into one line
    if not lead or repeats_title(lead, title):
        return ""
    return Truncator(lead).words(CARD_WORDS, truncate="…")

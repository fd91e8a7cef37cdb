"""Recorded exchanges with SMS providers, replayed with ``responses`` (the network stays shut).

Each JSON file holds what was sent (``request``: method, url, form/json/headers) and what came
back (``response``: status, headers, json).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def replay(rsps, name: str, *, url: str | None = None):
    """Answer the recorded request with the recorded response; returns the recording."""
    recording = load(name)
    response = recording["response"]
    rsps.add(
        recording.get("request", {}).get("method", "POST"),
        url or recording["request"]["url"],
        json=response["json"],
        status=response["status"],
        headers={k: v for k, v in response["headers"].items() if k != "Content-Type"},
        content_type=response["headers"].get("Content-Type", "application/json"),
    )
    return recording

"""Publishing in tests: the files of a release, read back from storage as a visitor gets them."""

from __future__ import annotations

import json
from decimal import Decimal

from joud.transparency.catalogue import FILES
from joud.transparency.selectors import published_file


def read_all(release) -> dict[str, bytes]:
    """Every documented file of ``release``, as stored."""
    out = {}
    for data_file in FILES:
        published = published_file(data_file.name, release)
        assert published is not None, f"{data_file.name} was not published"
        out[data_file.name] = published.read()
    return out


def load_json(content: bytes):
    """JSON as a consumer reads it, numbers as exact decimals."""
    return json.loads(content.decode("utf-8"), parse_float=Decimal)

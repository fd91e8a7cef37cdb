"""Structured logs: one JSON object per line on stdout (the production profile's ``LOGGING``).

python-json-logger does the encoding; this adds the fields every line carries (time in UTC ISO
8601, level, logger, the request or task id) and keeps the exception's traceback in one field.
"""

from __future__ import annotations

import datetime as dt
import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("json_ensure_ascii", False)  # Arabic stays readable in the log
        super().__init__(*args, **kwargs)

    def add_fields(self, log_record: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_record, record, message_dict)
        log_record["time"] = dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
            timespec="milliseconds"
        )
        log_record["level"] = record.levelname
        log_record["logger"] = record.name
        log_record.setdefault("request_id", getattr(record, "request_id", None))
        log_record.setdefault("task_id", getattr(record, "task_id", None))

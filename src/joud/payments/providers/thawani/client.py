"""A small client for Thawani's e-commerce API (``/api/v1``), over ``requests``.

Every call sends the secret key in the ``thawani-api-key`` header and gets back Thawani's
envelope ``{"success": bool, "code": int, "description": str, "data": ...}``. Amounts are
integers in baisa (1 OMR = 1000 baisa).
"""

from __future__ import annotations

from typing import Any

import requests

API_KEY_HEADER = "thawani-api-key"
TIMEOUT = (5, 20)  # connect, read (seconds)


class ThawaniError(Exception):
    """Thawani could not be reached, or answered with ``success: false``."""

    def __init__(self, message: str, *, status: int | None = None, code: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code


class ThawaniClient:
    def __init__(self, *, base_url: str, secret_key: str, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.secret_key = secret_key
        self.http = session or requests.Session()

    def _call(self, method: str, path: str, *, json: Any = None, params: dict | None = None):
        try:
            response = self.http.request(
                method,
                f"{self.base_url}/api/v1/{path.lstrip('/')}",
                json=json,
                params=params,
                headers={API_KEY_HEADER: self.secret_key, "Accept": "application/json"},
                timeout=TIMEOUT,
            )
        except requests.RequestException as exc:
            raise ThawaniError(f"Thawani unreachable: {exc.__class__.__name__}") from exc
        try:
            payload = response.json()
        except ValueError as exc:
            raise ThawaniError(
                "Thawani answered without JSON", status=response.status_code
            ) from exc
        if not response.ok or not payload.get("success", False):
            raise ThawaniError(
                str(payload.get("description") or payload.get("message") or "refused"),
                status=response.status_code,
                code=payload.get("code"),
            )
        return payload.get("data")

    # --- checkout sessions ---------------------------------------------------------------
    def create_session(self, body: dict) -> dict:
        return self._call("POST", "checkout/session", json=body)

    def get_session(self, session_id: str) -> dict:
        return self._call("GET", f"checkout/session/{session_id}")

    def get_session_by_reference(self, client_reference_id: str) -> dict:
        return self._call("GET", f"checkout/reference/{client_reference_id}")

    def get_session_by_invoice(self, invoice: str) -> dict:
        return self._call("GET", f"checkout/invoice/{invoice}")

    def list_sessions(self, *, limit: int = 100, skip: int = 0) -> list[dict]:
        return self._call("GET", "checkout/session", params={"limit": limit, "skip": skip}) or []

    def get_payment_intent(self, intent_id: str) -> dict:
        return self._call("GET", f"payment_intents/{intent_id}")

    # --- payments and refunds ------------------------------------------------------------
    def payments_for_invoice(self, invoice: str) -> list[dict]:
        params = {"checkout_invoice": invoice, "limit": 10, "skip": 0}
        return self._call("GET", "payments", params=params) or []

    def create_refund(self, body: dict) -> dict:
        return self._call("POST", "refunds", json=body)

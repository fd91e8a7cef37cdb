"""A payment gateway delivering webhooks the way real ones do, for `make chaos`.

Every event is delivered until it is acknowledged (HTTP 200): on a refused connection, a reset,
a timeout or any other status the SAME event (same id and body, freshly signed, as the sandbox
signs every delivery) is sent again after a backoff (0.2 s doubling to 3 s, with jitter). Some
events are delivered twice on purpose: a few by two threads at the same moment, some again
after their acknowledgement (a gateway that missed our answer). Every send is recorded.
"""

from __future__ import annotations

import http.client
import json
import queue
import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Event:
    event_id: str
    reference: str
    amount: str
    body: bytes


@dataclass
class Send:
    t: float  # time.time() when the answer (or the error) came
    event_id: str
    attempt: int  # 1 = first delivery of this event by this sender thread
    outcome: str  # "200:accepted", "200:confirm", "200:duplicate", "500", "error:ConnectionRefusedError", ...
    purpose: str  # "delivery", "concurrent-duplicate" or "redelivery"

    @property
    def acknowledged(self) -> bool:
        return self.outcome.startswith("200:")


@dataclass
class Gateway:
    host: str
    port: int
    path: str
    sign: object  # callable(body: bytes) -> header value
    header: str
    threads: int = 8
    rate: float = 40.0  # first deliveries per second (the load's pace)
    redeliver_share: float = 0.05
    concurrent_share: float = 0.02
    give_up_after: float = 300.0  # a real gateway retries for days; the run must end
    seed: int = 17
    sends: list[Send] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)

    # --- one delivery -------------------------------------------------------------------------

    def _post(self, event: Event) -> str:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request(
                "POST",
                self.path,
                body=event.body,
                headers={self.header: self.sign(event.body), "Content-Type": "application/json"},
            )
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            return f"error:{type(exc).__name__}"
        finally:
            conn.close()
        if response.status != 200:
            return str(response.status)
        try:
            return "200:" + str(json.loads(raw)["status"])
        except (ValueError, KeyError, TypeError):
            return "200:unreadable"

    def deliver(self, event: Event, purpose: str) -> bool:
        """Until acknowledged (or given up): True when acknowledged."""
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            outcome = self._post(event)
            send = Send(time.time(), event.event_id, attempt, outcome, purpose)
            with self._lock:
                self.sends.append(send)
            if send.acknowledged:
                return True
            if time.monotonic() - started > self.give_up_after:
                return False
            backoff = min(3.0, 0.2 * 2 ** (attempt - 1))
            time.sleep(backoff * (0.5 + random.random()))

    # --- the load -----------------------------------------------------------------------------

    def run(self, events: list[Event]) -> None:
        """Deliver every event at ``rate`` a second from ``threads`` threads; returns when every
        delivery (and redelivery) is acknowledged or given up."""
        work: queue.Queue = queue.Queue()
        plan: list[tuple[Event, str]] = []
        for event in events:
            plan.append((event, "delivery"))
            if self._random.random() < self.concurrent_share:
                plan.append((event, "concurrent-duplicate"))  # taken by the next free thread
        redeliver = {e.event_id for e in events if self._random.random() < self.redeliver_share}
        for item in plan:
            work.put(item)
        pace = threading.Semaphore(0)

        def pacer() -> None:
            t0 = time.monotonic()
            for i in range(len(plan)):
                time.sleep(max(0.0, t0 + i / self.rate - time.monotonic()))
                pace.release()
            for _ in range(self.threads):
                pace.release()

        def worker() -> None:
            while True:
                pace.acquire()
                try:
                    event, purpose = work.get_nowait()
                except queue.Empty:
                    return
                acknowledged = self.deliver(event, purpose)
                if acknowledged and purpose == "delivery" and event.event_id in redeliver:
                    self.deliver(event, "redelivery")

        threads = [threading.Thread(target=pacer, daemon=True)]
        threads += [threading.Thread(target=worker, daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    # --- figures ------------------------------------------------------------------------------

    def figures(self, events: list[Event]) -> dict:
        by_event: dict[str, list[Send]] = {}
        for send in self.sends:
            by_event.setdefault(send.event_id, []).append(send)
        acknowledged = {e for e, sends in by_event.items() if any(s.acknowledged for s in sends)}
        failed_sends = [s for s in self.sends if not s.acknowledged]
        outcomes: dict[str, int] = {}
        for send in self.sends:
            outcomes[send.outcome] = outcomes.get(send.outcome, 0) + 1
        return {
            "events": len(events),
            "sends": len(self.sends),
            "events_retried": len(
                {s.event_id for s in self.sends if s.attempt > 1 or not s.acknowledged}
            ),
            "retries": sum(1 for s in self.sends if s.attempt > 1),
            "failed_sends": len(failed_sends),
            "duplicate_deliveries_on_purpose": sum(
                1 for s in self.sends if s.purpose != "delivery" and s.attempt == 1
            ),
            "events_acknowledged": len(acknowledged),
            "events_not_acknowledged": len(events) - len(acknowledged),
            "outcomes": dict(sorted(outcomes.items())),
        }

    def first_confirmation_after(self, t: float) -> float | None:
        """When (time.time()) the platform first took a new confirmation after ``t``: applied in
        the request ("confirm") or accepted for the consumer to apply ("accepted"; the checks at
        the end prove that every accepted event was applied exactly once)."""
        taken = ("200:confirm", "200:accepted")
        with self._lock:
            times = [s.t for s in self.sends if s.outcome in taken and s.t > t]
        return min(times) if times else None

    def failed_between(self, a: float, b: float) -> int:
        with self._lock:
            return sum(1 for s in self.sends if a <= s.t < b and not s.acknowledged)

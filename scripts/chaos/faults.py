"""The platform's processes for `make chaos`, and the faults done to them, all by pid.

``Platform`` starts gunicorn (the bench's ``Server``: production profile on loopback),
``run_scheduler`` and two ``db_worker``s (the ``ledger`` queue; every other queue), as README's
production section runs them. A supervisor thread plays systemd: a process that exits without
being told to is recorded (``unexpected``) and started again. ``inject`` runs the fault script.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import run as bench  # the bench's driver (bench/run.py)

PG_VERSION = os.environ.get("CHAOS_PG_VERSION", "15")
PG_CLUSTER = os.environ.get("CHAOS_PG_CLUSTER", "joudchaos")
TASKS = {
    "scheduler": ["run_scheduler"],
    "ledger_worker": ["db_worker", "--queue-name", "ledger", "--interval", "0.2"],
    "default_worker": ["db_worker", "--queue-name", "*", "--exclude-queues", "ledger"],
}


class Platform:
    def __init__(self, out: Path, database: str):
        self.out, self.database = out, database
        self.server: bench.Server | None = None
        self.procs: dict[str, subprocess.Popen] = {}
        self.told: set[str] = set()  # processes stopped on purpose (not restarted by the watch)
        self.unexpected: list[dict] = []
        self._lock = threading.RLock()
        self._watching = False
        self._restarts = 0

    # --- processes ----------------------------------------------------------------------------

    def _record_pid(self, pid: int) -> None:
        with open(self.out / "pids", "a") as f:  # chaos.sh's trap stops leftovers by pid
            f.write(f"{pid}\n")

    def start_web(self) -> None:
        if self.server is not None:  # keep the log of the server that was killed
            log = Path(self.server.log.name)
            self._restarts += 1
            log.rename(log.with_suffix(f".{self._restarts}.log"))
        self.server = bench.Server(self.database, workers=2 * (os.cpu_count() or 2) + 1)
        self.server.__enter__()
        self._record_pid(self.server.proc.pid)
        for pid in self.server.worker_pids():
            self._record_pid(pid)

    def start_task(self, name: str) -> None:
        env = self.server.env()
        log = open(self.out / f"{name}.log", "a")  # noqa: SIM115 (lives as long as the process)
        proc = subprocess.Popen(
            [str(bench.VENV_BIN / "python"), "manage.py", *TASKS[name]],
            cwd=bench.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        self.told.discard(name)
        self._record_pid(proc.pid)

    def stop_task(self, name: str) -> None:
        self.told.add(name)
        proc = self.procs[name]
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def start(self) -> None:
        self.start_web()
        for name in TASKS:
            self.start_task(name)
        self._watching = True
        threading.Thread(target=self._watch, daemon=True).start()
        bench.log(f"platform up: gunicorn {self.server.proc.pid}, " + ", ".join(
            f"{n} {p.pid}" for n, p in self.procs.items()
        ))  # fmt: skip

    def _watch(self) -> None:
        while self._watching:
            time.sleep(0.5)
            with self._lock:
                if not self._watching:
                    return
                for name, proc in list(self.procs.items()):
                    if name not in self.told and proc.poll() is not None:
                        self.unexpected.append({"process": name, "t": time.time(),
                                                "exit": proc.returncode})  # fmt: skip
                        bench.log(f"{name} exited ({proc.returncode}) unasked: started again")
                        self.start_task(name)
                if "web" not in self.told and self.server.proc.poll() is not None:
                    self.unexpected.append({"process": "gunicorn", "t": time.time(),
                                            "exit": self.server.proc.returncode})  # fmt: skip
                    bench.log("gunicorn exited unasked: started again")
                    self.start_web()

    def stop(self) -> None:
        with self._lock:
            self._watching = False
            for name, proc in self.procs.items():
                if proc.poll() is None:
                    self.stop_task(name)
            if self.server is not None and self.server.proc.poll() is None:
                self.server.__exit__(None, None, None)

    # --- faults -------------------------------------------------------------------------------

    def kill_web_workers(self, count: int | None = None) -> dict:
        pids = self.server.worker_pids()[:count]
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return {"killed": pids}

    def kill_web_master(self) -> dict:
        """The whole web server dies (-9: the master, then its orphaned workers, which would
        hold the port); the script starts it again, as the service manager would."""
        with self._lock:
            self.told.add("web")
            master, workers = self.server.proc.pid, self.server.worker_pids()
            os.kill(master, signal.SIGKILL)
            self.server.proc.wait()
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.start_web()
            self.told.discard("web")
        return {"killed_master": master, "killed_workers": workers,
                "new_master": self.server.proc.pid}  # fmt: skip

    def restart_postgres(self, mode: str) -> dict:
        subprocess.run(
            ["pg_ctlcluster", PG_VERSION, PG_CLUSTER, "restart", "-m", mode],
            check=True,
            capture_output=True,
        )
        return {"cluster": f"{PG_VERSION}/{PG_CLUSTER}", "mode": mode}

    def stop_tasks(self, names: tuple[str, ...]) -> dict:
        with self._lock:
            pids = {n: self.procs[n].pid for n in names}
            for name in names:
                self.stop_task(name)
        return {"stopped": pids}

    def start_tasks(self, names: tuple[str, ...]) -> dict:
        with self._lock:
            for name in names:
                self.start_task(name)
        return {"started": {n: self.procs[n].pid for n in names}}

    def kill_task(self, name: str) -> dict:
        with self._lock:
            self.told.add(name)
            pid = self.procs[name].pid
            os.kill(pid, signal.SIGKILL)
            self.procs[name].wait()
            self.start_task(name)
        return {"killed": pid, "new": self.procs[name].pid}

    def script(self) -> list[tuple[str, Callable[[], dict]]]:
        workers = ("ledger_worker", "default_worker")
        return [
            ("kill -9 two gunicorn workers", lambda: self.kill_web_workers(2)),
            ("restart PostgreSQL (fast)", lambda: self.restart_postgres("fast")),
            ("stop the task workers (ledger, default)", lambda: self.stop_tasks(workers)),
            ("start the task workers again", lambda: self.start_tasks(workers)),
            ("kill -9 every gunicorn worker", lambda: self.kill_web_workers()),
            ("kill -9 the gunicorn master; start it again", self.kill_web_master),
            ("restart PostgreSQL (immediate: a crash)", lambda: self.restart_postgres("immediate")),
            ("kill -9 the ledger worker; start it again", lambda: self.kill_task("ledger_worker")),
        ]  # fmt: skip

    def inject(
        self,
        t0: float,
        load_over: Callable[[], bool],
        confirmed_after: Callable[[float], float | None],
        *,
        first: float = 8.0,
        gap: float = 6.0,
    ) -> list[dict]:
        """The faults in order: the first ``first`` seconds into the load, each next one ``gap``
        seconds after the platform confirmed again following the previous one (so every fault's
        recovery is measured on its own). Recovery: from the fault's start to the first new
        confirmation acknowledged after the fault's action ended."""
        done: list[dict] = []
        next_at = t0 + first
        for name, action in self.script():
            while time.time() < next_at:
                if load_over():
                    bench.log(f"the load ended before '{name}': not injected")
                    return done
                time.sleep(0.05)
            t = time.time()
            detail = action()
            ended = time.time()
            while (back := confirmed_after(ended)) is None and not load_over():
                time.sleep(0.05)
            recovery = round(back - t, 2) if back else None
            bench.log(f"fault at {t - t0:5.1f}s: {name} (took {ended - t:.2f}s; "
                      f"confirming again after {recovery}s) {detail}")  # fmt: skip
            done.append({"at": round(t - t0, 1), "t": t, "name": name,
                         "took": round(ended - t, 2), "recovery_s": recovery, **detail})  # fmt: skip
            next_at = (back or time.time()) + gap
        return done

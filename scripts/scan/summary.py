"""The scan's findings by severity, per tool and session: printed, and kept as summary.json/.md.

Usage: summary.py REPORT_DIR --duration SECONDS [--target URL]

Reads what scan.sh left in REPORT_DIR:
- wapiti-<who>-crawl.json and wapiti-<who>-attack.json: wapiti's JSON reports (vulnerabilities,
  anomalies and additionals, each with a level: 4 critical, 3 high, 2 medium, 1 low, 0 info);
- sqlmap-<who>/NN.log: one sqlmap run per target. An injectable parameter is critical; HTTP 500
  answers that sqlmap provoked are medium (crafted input must get a form error, never a 500);
  a target that did not finish in its time is reported, not counted as a finding;
- access.log: gunicorn's access log, every answer of the run; 500s are counted (medium).
Exits 1 when any critical, high or medium finding exists, 2 when a tool did not run to its end
(no report, or an error exit), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

LEVELS = ("critical", "high", "medium", "low", "info")
WAPITI_LEVEL = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "info"}
SESSIONS = ("anonymous", "donor", "admin")
FAILING = {"critical", "high", "medium"}
# sqlmap's verdict, after its own false-positive check ("appears to be injectable" lines before
# it are candidates that the check may still reject): the injection points it lists.
IDENTIFIED = "sqlmap identified the following injection point(s)"
POINT = re.compile(r"^Parameter: (\S+) \((\w+)\)\s*\n((?:\s+\S.*\n)+)", re.M)
HTTP_500 = re.compile(r"500 \(Internal Server Error\) - (\d+) times")
EXIT = re.compile(r"# exit (\d+)\s*$", re.M)
ACCESS = re.compile(r'"(\w+) (\S+) HTTP/[\d.]+" (\d{3}) ')


def wapiti_findings(report_dir: Path, who: str) -> tuple[list[dict], list[str]]:
    """Both steps' reports; the attack step's repeats the crawl's passive findings (one session
    database): each finding is counted once."""
    findings, problems, seen = [], [], set()
    for step in ("crawl", "attack"):
        report = report_dir / f"wapiti-{who}-{step}.json"
        log = report_dir / f"wapiti-{who}-{step}.log"
        if not report.exists():
            problems.append(f"wapiti {who} {step}: no report (see {log.name})")
            continue
        data = json.loads(report.read_text())
        for section in ("vulnerabilities", "anomalies", "additionals"):
            for category, entries in data.get(section, {}).items():
                for entry in entries:
                    key = (category, entry.get("method"), entry.get("path"), entry.get("info"))
                    if key in seen:
                        continue
                    seen.add(key)
                    findings.append(
                        {
                            "tool": "wapiti",
                            "session": who,
                            "severity": WAPITI_LEVEL.get(entry.get("level", 0), "info"),
                            "category": category,
                            "module": entry.get("module", ""),
                            "where": f"{entry.get('method', '')} {entry.get('path', '')}",
                            "parameter": entry.get("parameter", ""),
                            "info": entry.get("info", "")[:300],
                        }
                    )
    return findings, problems


def sqlmap_findings(report_dir: Path, who: str) -> tuple[list[dict], list[str], dict]:
    findings, problems = [], []
    stats = Counter()
    folder = report_dir / f"sqlmap-{who}"
    if not folder.exists():
        problems.append(f"sqlmap {who}: did not run")
    for log in sorted(folder.glob("*.log")) if folder.exists() else []:
        text = log.read_text(errors="replace")
        target = text.splitlines()[0].removeprefix("# ").strip() if text else log.name
        stats["targets"] += 1
        stats["parameters"] += len(re.findall(r"testing for SQL injection on", text))
        exits = EXIT.findall(text)
        code = int(exits[-1]) if exits else None
        if code == 124:
            stats["timed out"] += 1
            problems_note = f"sqlmap {who} {log.name}: {target} did not finish in its time"
            findings.append(_sqlmap_entry(who, "info", "Not finished in time", target, "", ""))
            problems.append(problems_note)
        elif code not in (0, None) or "[*] ending @" not in text:
            problems.append(f"sqlmap {who} {log.name}: {target} ended with exit {code}")
        verdict = text.partition(IDENTIFIED)[2]
        for parameter, place, details in POINT.findall(verdict):
            titles = re.findall(r"Title: (.+)", details)
            findings.append(
                _sqlmap_entry(
                    who,
                    "critical",
                    "SQL injection",
                    target,
                    f"{parameter} ({place})",
                    "; ".join(titles),
                )
            )
        for count in HTTP_500.findall(text):
            findings.append(
                _sqlmap_entry(
                    who,
                    "medium",
                    "Server error (500) on crafted input",
                    target,
                    "",
                    f"{count} answers 500",
                )
            )
    return findings, problems, dict(stats)


def _sqlmap_entry(who, severity, category, target, parameter, info) -> dict:
    return {
        "tool": "sqlmap",
        "session": who,
        "severity": severity,
        "category": category,
        "module": "",
        "where": target,
        "parameter": parameter,
        "info": info,
    }


def server_findings(report_dir: Path) -> tuple[list[dict], dict]:
    log = report_dir / "access.log"
    statuses = Counter()
    errors = Counter()
    if log.exists():
        for line in log.read_text(errors="replace").splitlines():
            match = ACCESS.search(line)
            if not match:
                continue
            method, path, status = match.groups()
            statuses[status[0] + "xx"] += 1
            if status == "500":
                errors[f"{method} {path.split('?')[0]}"] += 1
    findings = [
        {
            "tool": "server",
            "session": "all",
            "severity": "medium",
            "category": "Server error (500)",
            "module": "access log",
            "where": where,
            "parameter": "",
            "info": f"{count} answers 500",
        }
        for where, count in sorted(errors.items())
    ]
    return findings, dict(statuses)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report_dir", type=Path)
    parser.add_argument("--duration", type=int, default=0)
    parser.add_argument("--target", default="")
    args = parser.parse_args()
    out: Path = args.report_dir

    findings: list[dict] = []
    problems: list[str] = []
    sqlmap_stats = {}
    for who in SESSIONS:
        found, trouble = wapiti_findings(out, who)
        findings += found
        problems += trouble
        found, trouble, stats = sqlmap_findings(out, who)
        findings += found
        problems += trouble
        sqlmap_stats[who] = stats
    server, statuses = server_findings(out)
    findings += server

    rows = []
    for tool in ("wapiti", "sqlmap"):
        for who in SESSIONS:
            counts = Counter(
                f["severity"] for f in findings if (f["tool"], f["session"]) == (tool, who)
            )
            rows.append((tool, who, [counts[level] for level in LEVELS]))
    counts = Counter(f["severity"] for f in findings if f["tool"] == "server")
    rows.append(("server", "all", [counts[level] for level in LEVELS]))
    failing = [f for f in findings if f["severity"] in FAILING]
    fatal = [p for p in problems if "did not finish" not in p]

    lines = [
        f"Security scan (make scan): {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{args.duration // 60} min {args.duration % 60} s, {args.target or 'local target'}",
        "",
        "| tool | session | critical | high | medium | low | info |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *(f"| {t} | {w} | " + " | ".join(str(c) for c in cs) + " |" for t, w, cs in rows),
        "",
        "sqlmap: "
        + "; ".join(
            f"{who} {s.get('targets', 0)} targets, {s.get('parameters', 0)} parameters"
            + (f", {s['timed out']} not finished in time" if s.get("timed out") else "")
            for who, s in sqlmap_stats.items()
        ),
        "server answers: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
        "",
        "Findings (low and above):"
        if any(f["severity"] != "info" for f in findings)
        else "Findings: none of low severity or above.",
    ]
    for f in findings:
        if f["severity"] == "info":
            continue
        lines.append(
            f"- {f['severity'].upper()} {f['tool']}/{f['session']} {f['category']}: {f['where']}"
            + (f" [{f['parameter']}]" if f["parameter"] else "")
            + (f" {f['info']}" if f["info"] else "")
        )
    if problems:
        lines += ["", "Tool problems:", *(f"- {p}" for p in problems)]
    verdict = (
        f"FAIL: {len(failing)} finding(s) of medium severity or above"
        if failing
        else "FAIL: a tool did not run to its end"
        if fatal
        else "PASS: no finding of medium severity or above"
    )
    lines += ["", verdict, f"Reports: {out}"]
    text = "\n".join(lines)
    print(text)
    (out / "summary.md").write_text(text + "\n")
    (out / "summary.json").write_text(
        json.dumps(
            {
                "duration_seconds": args.duration,
                "table": [
                    {"tool": t, "session": w, **dict(zip(LEVELS, cs, strict=True))}
                    for t, w, cs in rows
                ],
                "sqlmap": sqlmap_stats,
                "server_answers": statuses,
                "findings": findings,
                "problems": problems,
                "verdict": verdict,
            },
            indent=1,
        )
    )
    if failing:
        return 1
    return 2 if fatal else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``manage.py beneficiaries_check_csv FILE --out CLUSTERS.csv``: duplicates in a list of people,
found exactly as the nightly run finds them, without writing to the database (issue 21)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from joud.beneficiaries.matching.parallel import default_workers
from joud.beneficiaries.services.bulk_check import (
    check_rows,
    nightly_threshold,
    read_csv,
    write_clusters,
)


class Command(BaseCommand):
    help = "Cluster the people of a CSV file into suspected duplicates (no database writes)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--out", required=True, help="where to write record_id,cluster_id")
        parser.add_argument("--threshold", type=float, default=None)
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="processes scoring the pairs (default: min(2, CPUs); 1 = in this process)",
        )

    def handle(self, *args, file, out, threshold, workers, **options):
        started = time.perf_counter()
        if workers < 1:
            raise CommandError("--workers must be 1 or more")
        threshold = threshold if threshold is not None else nightly_threshold()
        try:
            rows, report = check_rows(read_csv(file), threshold=threshold, workers=workers)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        write_clusters(out, rows)
        seconds = time.perf_counter() - started
        w = self.stdout.write
        w(
            f"{report.records:,} records, {report.clusters:,} clusters of two or more "
            f"({report.records_in_clusters:,} records), {report.candidate_pairs:,} pairs scored, "
            f"threshold {threshold}, {workers} worker(s), {seconds:.1f} s"
        )
        if report.bad_dates or report.bad_phones:
            w(
                f"unreadable birth dates: {report.bad_dates:,}; unusable phones: {report.bad_phones:,}"
            )
        unresolved = report.unresolved_wilayats
        if unresolved:
            w(f"wilayats not resolved ({sum(unresolved.values()):,} records):")
            for text, n in unresolved.most_common():
                w(f"  {text!r}: {n:,}")
        else:
            w("every wilayat resolved")
        w(f"written: {out}")

"""Run every benchmark, print a table, merge the figures into bench/results/latest.json."""

from __future__ import annotations

import argparse
import shutil

from bench import (
    desk_pages,
    health_scores,
    mail_import,
    oncall,
    side_by_side,
    sla_deadlines,
    weekly_report,
)
from bench.results import print_table, save


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--messages", type=int, default=10_000, help="size of the mail benchmark")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median counts")
    parser.add_argument(
        "--report-tickets",
        type=int,
        default=None,
        help="tickets generated for the weekly report benchmark (0 skips it); by default "
        "100,000, and 1,000,000 with BENCH_SCALE=1m (it takes minutes)",
    )
    parser.add_argument(
        "--report-weeks",
        type=int,
        default=weekly_report.WEEKS,
        help="weeks of history those tickets spread over",
    )
    parser.add_argument(
        "--only",
        default="mail,sla,oncall,health,report,desk,peer",
        help="comma-separated benchmarks to run (mail, sla, oncall, health, report, desk, "
        "peer); "
        "BENCH_SCALE=1m adds the million-ticket desk to desk",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="generate the desks anew (else kept in bench/.data)"
    )
    args = parser.parse_args()
    chosen = {name.strip() for name in args.only.split(",")}
    scale = desk_pages.scales_from_env()[-1]
    figures = []
    if "mail" in chosen:
        figures += mail_import.run(messages=args.messages, runs=args.runs)
    if "sla" in chosen:
        figures += sla_deadlines.run(args.runs)
    if "oncall" in chosen:
        figures += oncall.run(args.runs)
    if "health" in chosen:
        figures += health_scores.run(args.runs)
    if args.report_tickets is None:  # the default run stays within 15 minutes
        args.report_tickets = weekly_report.TICKETS if scale == "1m" else 100_000
    if "report" in chosen and args.report_tickets:
        figures += weekly_report.run(
            args.runs, tickets=args.report_tickets, weeks=args.report_weeks
        )
    if chosen & {"desk", "peer"}:
        scales = desk_pages.scales_from_env()
        peer = None
        if args.fresh:
            shutil.rmtree(desk_pages.DATA, ignore_errors=True)
        if "peer" in chosen:
            desk = desk_pages.database(scales[0])
            peer, compared = side_by_side.run(
                desk, messages=args.messages, runs=args.runs, ours=figures
            )
            figures += compared
        if "desk" in chosen:
            figures += desk_pages.run(args.runs, scales=scales, peer=peer, peer_scale=scales[0])
    print_table(figures)
    path = save(figures)
    print(f"Written to {path}")


if __name__ == "__main__":
    main()

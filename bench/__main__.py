"""Run every benchmark, print a table, merge the figures into bench/results/latest.json."""

from __future__ import annotations

import argparse

from bench import mail_import, oncall, sla_deadlines, weekly_report
from bench.results import print_table, save


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--messages", type=int, default=10_000, help="size of the mail benchmark")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median counts")
    parser.add_argument(
        "--report-tickets",
        type=int,
        default=weekly_report.TICKETS,
        help="tickets generated for the weekly report benchmark (0 skips it; 1M takes minutes)",
    )
    parser.add_argument(
        "--report-weeks",
        type=int,
        default=weekly_report.WEEKS,
        help="weeks of history those tickets spread over",
    )
    parser.add_argument(
        "--only",
        default="mail,sla,oncall,report",
        help="comma-separated benchmarks to run (mail, sla, oncall, report)",
    )
    args = parser.parse_args()
    chosen = {name.strip() for name in args.only.split(",")}
    figures = []
    if "mail" in chosen:
        figures += mail_import.run(messages=args.messages, runs=args.runs)
    if "sla" in chosen:
        figures += sla_deadlines.run(args.runs)
    if "oncall" in chosen:
        figures += oncall.run(args.runs)
    if "report" in chosen and args.report_tickets:
        figures += weekly_report.run(
            args.runs, tickets=args.report_tickets, weeks=args.report_weeks
        )
    print_table(figures)
    path = save(figures)
    print(f"Written to {path}")


if __name__ == "__main__":
    main()

"""Child process of the import benchmark: imports one mbox, prints JSON with the timing."""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def main(path: str) -> None:
    import django

    django.setup()
    from bench.mailgen import domains
    from sunrelay.accounts.models import Account, AccountDomain
    from sunrelay.mail import intake, sources
    from sunrelay.mail.models import Source

    # A third of the sender domains belong to accounts, as in a real desk.
    for i, domain in enumerate(domains()[::3]):
        account = Account.objects.create(name=f"Customer {i}")
        AccountDomain.objects.create(account=account, domain=domain)
    started, cpu_started = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        summary = intake.receive_many(sources.iter_mbox(handle), source=Source.IMPORT)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    data = summary.as_dict()
    catch_up = {}
    if os.environ.get("BENCH_SLA_CATCH_UP") == "1":
        # The SLA of imported tickets is the worker's job (sla.refresh_stale): how long it takes.
        from sunrelay.sla.services import refresh_one_stale

        tickets, started = 0, time.perf_counter()
        while refresh_one_stale():
            tickets += 1
        catch_up = {"sla_tickets": tickets, "sla_seconds": time.perf_counter() - started}
    print(
        json.dumps(
            {
                "received": data["received"],
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "summary": data,
                "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                **catch_up,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])

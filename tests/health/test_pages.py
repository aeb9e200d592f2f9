"""Customer health's pages (health/views.py) and its panel on the CE's account page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sunrelay.health import scores
from sunrelay.health.models import AlertStatus, HealthAlert
from tests.factories import make_account
from tests.health.conftest import send_usage, week


def scored(account):
    today = timezone.now().date()
    send_usage(account, "api_calls", week(today, 100))
    scores.score_all(today)


def test_the_account_page_shows_each_measure_and_the_ces_task(client, acme, cora):
    scored(acme)
    client.force_login(cora)
    html = client.get(f"/desk/health/accounts/{acme.pk}/").content.decode()
    assert "API calls" in html and "700 in the last 7 days" in html
    assert "Health dropped below 70" in html
    page = client.get(f"/desk/success/accounts/{acme.pk}/").content.decode()
    assert 'id="health-score"' in page and "Health dropped below 70" in page


def test_the_ce_marks_the_task_done(client, acme, cora):
    scored(acme)
    task = HealthAlert.objects.filter(account=acme).first()
    client.force_login(cora)
    response = client.post(f"/desk/health/alerts/{task.pk}/done/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == AlertStatus.DONE


def test_someone_else_may_not_close_the_ces_task(client, acme, agent):
    scored(acme)
    task = HealthAlert.objects.filter(account=acme).first()
    client.force_login(agent)
    assert client.post(f"/desk/health/alerts/{task.pk}/done/").status_code == 403


def test_the_at_risk_list_sums_mrr_and_sales_see_only_their_accounts(client, acme, sales, lead):
    make_account("Otherco", mrr=500)
    scored(acme)
    client.force_login(lead)
    html = client.get("/desk/health/").content.decode()
    assert "2 accounts red or yellow" in html and "Otherco" in html
    client.force_login(sales)
    html = client.get("/desk/health/").content.decode()
    assert "Acme Maps" in html and "Otherco" not in html


def test_the_csv_import_reports_rejected_lines(client, acme, agent):
    client.force_login(agent)
    text = (
        "account,metric,value,time,key\n"
        "Acme Maps,api_calls,1,2026-12-07T09:00:00Z,k1\n"
        "Acme Maps,api_calls,x,2026-12-07T09:00:00Z,k2\n"
    )
    upload = SimpleUploadedFile("usage.csv", text.encode(), content_type="text/csv")
    html = client.post("/desk/health/telemetry/import/", {"file": upload}).content.decode()
    assert "1 new reading, 0 already received (skipped), 1 rejected." in html
    assert "Line 3: The value &#x27;x&#x27; is not a number." in html


def test_sales_may_not_import_telemetry(client, sales):
    client.force_login(sales)
    assert client.get("/desk/health/telemetry/import/").status_code == 403

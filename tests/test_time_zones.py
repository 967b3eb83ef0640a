"""The time-zone list on sign-up and in settings: Area/City names only, old choices kept."""

import re

from django.urls import reverse


def offered(body: str) -> list[str]:
    select = re.search(r'<select name="time_zone".*?</select>', body, re.S).group()
    return re.findall(r'<option value="([^"]*)"', select)


def test_sign_up_offers_only_area_city_zones_sorted(client, db):
    zones = offered(client.get(reverse("accounts-signup")).content.decode())
    assert "UTC" in zones
    assert {"Europe/London", "America/New_York", "America/Argentina/Buenos_Aires"} <= set(zones)
    for alias in ("US/Eastern", "GB", "Etc/GMT+5", "UCT", "Etc/UTC", "Canada/Pacific"):
        assert alias not in zones
    assert zones == sorted(zones)


def test_settings_offer_only_area_city_zones(alice_client):
    zones = offered(alice_client.get(reverse("accounts-settings")).content.decode())
    assert "Europe/London" in zones
    assert "US/Eastern" not in zones
    assert "Etc/GMT+5" not in zones


def test_a_stored_alias_stays_selected_and_survives_saving_settings(alice_client, alice):
    alice.time_zone = "US/Eastern"
    alice.save(update_fields=["time_zone"])
    body = alice_client.get(reverse("accounts-settings")).content.decode()
    assert "US/Eastern" in offered(body)
    assert '<option value="US/Eastern" selected>' in body
    response = alice_client.post(
        reverse("accounts-settings"), {"time_zone": "US/Eastern", "week_start": "6"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.time_zone, alice.week_start) == ("US/Eastern", 6)


def test_an_alias_is_not_accepted_for_someone_who_does_not_have_it(alice_client, alice):
    response = alice_client.post(
        reverse("accounts-settings"), {"time_zone": "US/Eastern", "week_start": "0"}
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"

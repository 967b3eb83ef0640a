"""The time-zone list on sign-up and in settings: Area/City names only, old choices kept."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Interaction
from tests.clock import LATE_2026


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


@pytest.mark.clock(LATE_2026, tick=True)  # it logs entries on fixed days of 2026
def test_a_new_time_zone_keeps_the_clock_times_entries_were_logged_with(
    alice_client, alice, bob_client, bob
):
    from journal.models import Interaction

    def log(client, when: str, text: str) -> Interaction:
        data = {"new_person": "Jo", "occurred_at": when, "channel": "text", "text": text}
        response = client.post(reverse("journal-entry-create"), data | {"feeling": "-1"})
        assert response.status_code == 302, response.context["form"].errors
        return Interaction.objects.latest("pk")

    late = log(alice_client, "2026-01-10T02:15", "'u up?' and nothing all day")
    summer = log(alice_client, "2026-07-01T14:00", "Lunch in the park, lovely.")
    # 02:30 on 8 March 2026 doesn't exist in New York (its clocks go forward): kept as is
    skipped = log(alice_client, "2026-03-08T02:30", "Long call, lovely.")
    skipped_time = skipped.occurred_at
    bobs = log(bob_client, "2026-01-10T02:15", "'u up?' and nothing all day")
    bobs_time = bobs.occurred_at

    response = alice_client.post(
        reverse("accounts-settings"), {"time_zone": "America/New_York", "week_start": "0"}
    )
    assert response.status_code == 302
    page = alice_client.get(response.url).content.decode()
    assert "Your entries keep the times you gave them. Apart from 1:" in page  # 8 March

    page = alice_client.get(reverse("journal-log")).content.decode()
    assert '<time datetime="2026-01-10T02:15:00-05:00">02:15</time>' in page
    assert '<time datetime="2026-07-01T14:00:00-04:00">14:00</time>' in page
    assert "Late-night only" in page and "at 02:15" in page
    late.refresh_from_db()
    summer.refresh_from_db()
    assert late.occurred_at.isoformat() == "2026-01-10T07:15:00+00:00"
    assert summer.occurred_at.isoformat() == "2026-07-01T18:00:00+00:00"
    skipped.refresh_from_db()
    assert skipped.occurred_at == skipped_time
    bobs.refresh_from_db()
    assert bobs.occurred_at == bobs_time  # only her own entries

    # Saving settings again without a new zone moves nothing.
    response = alice_client.post(
        reverse("accounts-settings"), {"time_zone": "America/New_York", "week_start": "6"}
    )
    late.refresh_from_db()
    assert late.occurred_at.isoformat() == "2026-01-10T07:15:00+00:00"
    assert "keep the times" not in alice_client.get(response.url).content.decode()


def test_a_new_time_zone_never_moves_an_entry_into_the_future(alice_client, alice):
    from django.utils import timezone

    from journal.models import Interaction

    now = timezone.localtime(timezone.now(), alice.tz).replace(second=0, microsecond=0)
    data = {"new_person": "Jo", "channel": "text", "text": "Just now.", "feeling": "0"}
    alice_client.post(
        reverse("journal-entry-create"), data | {"occurred_at": f"{now:%Y-%m-%dT%H:%M}"}
    )
    entry = Interaction.objects.get(user=alice)
    before = entry.occurred_at
    # Honolulu is 10 hours behind London: the same clock time there is hours from now.
    alice_client.post(
        reverse("accounts-settings"), {"time_zone": "Pacific/Honolulu", "week_start": "0"}
    )
    entry.refresh_from_db()
    assert entry.occurred_at == before
    page = alice_client.get(reverse("accounts-settings")).content.decode()
    assert "Apart from 1: that time hasn&#x27;t come yet in the new zone" in page


# The nights the clocks change. London went back at 02:00 BST on 25 October 2026 (01:00
# to 02:00 came twice) and forward at 01:00 GMT on 29 March 2026 (01:00 to 02:00 never came).


def log_at(client, typed: str):
    data = {"new_person": "Jo", "occurred_at": typed, "channel": "text", "feeling": "-1"}
    return client.post(reverse("journal-entry-create"), data)


@pytest.mark.parametrize(
    ("now", "typed", "stored"),
    [
        # In the second 01:30 (GMT): that one, the one just past.
        ("2026-10-25T01:45Z", "2026-10-25T01:30", "2026-10-25T01:30Z"),
        # In the first 01:30 (BST): the second hasn't come yet, so the first.
        ("2026-10-25T00:45Z", "2026-10-25T01:30", "2026-10-25T00:30Z"),
        # A day later, both have passed: the later.
        ("2026-10-26T12:00Z", "2026-10-25T01:30", "2026-10-25T01:30Z"),
        # 01:30 never came in March: read as GMT, which is 02:30 BST.
        ("2026-03-29T12:00Z", "2026-03-29T01:30", "2026-03-29T01:30Z"),
    ],
)
def test_a_time_in_the_hour_the_clocks_change_is_logged(
    alice_client, alice, time_machine, now, typed, stored
):
    time_machine.move_to(datetime.fromisoformat(now), tick=False)
    alice_client.force_login(alice)  # a login from the suite's own day would have ended
    response = log_at(alice_client, typed)
    assert response.status_code == 302, response.context["form"].errors
    entry = Interaction.objects.get(user=alice)
    assert entry.occurred_at == datetime.fromisoformat(stored)


def test_the_log_forms_own_time_in_the_repeated_hour_is_taken_as_now(
    alice_client, alice, time_machine
):
    time_machine.move_to(datetime(2026, 10, 25, 1, 40, tzinfo=UTC), tick=False)  # 01:40 GMT
    alice_client.force_login(alice)
    form = alice_client.get(reverse("journal-log")).content.decode()
    typed = re.search(r'name="occurred_at" value="([^"]+)"', form)[1]
    assert typed == "2026-10-25T01:40"
    assert log_at(alice_client, typed).status_code == 302
    assert Interaction.objects.get(user=alice).occurred_at == timezone.now()

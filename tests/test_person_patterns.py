"""Person patterns: plain functions first, then the person page as entries come and go."""

import html
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from journal.models import EntryCategory, Interaction
from patterns.person import PERSON_PAGE_ENTRIES
from patterns.person_patterns import RECENT_PER_PERSON, Row, find_patterns

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def row(pk: int, days_ago: float, feeling: int = 0, signs=(), hour: int = 14, asked=False) -> Row:
    at = (NOW - timedelta(days=days_ago)).astimezone(LONDON).replace(hour=hour, minute=0)
    return Row(pk, at.astimezone(UTC), feeling, asked, frozenset(signs))


def kinds(rows: list[Row]) -> set[str]:
    return {
        p.kind
        for p in find_patterns(sorted(rows, key=lambda r: r.occurred_at), NOW, LONDON)["patterns"]
    }


def test_a_sign_three_times_in_thirty_days_is_a_pattern():
    rows = [row(i, i * 5, signs=["avoided_plans"]) for i in range(1, 4)]
    assert "repeated:avoided_plans" in kinds(rows)


def test_twice_is_not_yet_a_pattern_nor_three_times_spread_over_months():
    assert "repeated:avoided_plans" not in kinds(
        [row(i, i * 5, signs=["avoided_plans"]) for i in (1, 2)]
    )
    assert "repeated:avoided_plans" not in kinds(
        [row(i, i * 25, signs=["avoided_plans"]) for i in (1, 2, 3)]
    )


def test_warm_and_cold_in_turn_is_hot_and_cold():
    rows = [row(1, 20, 3), row(2, 16, -2), row(3, 12, 2), row(4, 8, -1)]
    assert "hot_and_cold" in kinds(rows)


def test_steady_warmth_or_steady_gloom_is_not_hot_and_cold():
    assert "hot_and_cold" not in kinds([row(i, i * 3, 2) for i in range(1, 6)])
    assert "hot_and_cold" not in kinds([row(i, i * 3, -2) for i in range(1, 6)])


def test_swings_months_apart_are_not_hot_and_cold():
    assert "hot_and_cold" not in kinds([row(1, 85, 3), row(2, 55, -2), row(3, 25, 3)])


def test_mostly_late_night_contact_is_a_pattern_in_the_users_own_zone():
    rows = [row(i, i * 2, hour=h) for i, h in enumerate([23, 0, 1, 23, 14], start=1)]
    found = find_patterns(sorted(rows, key=lambda r: r.occurred_at), NOW, LONDON)
    assert "late_night" in {p.kind for p in found["patterns"]}
    assert found["late_share"] == 0.8
    # The same moments read in Tokyo are daytime.
    tokyo = find_patterns(sorted(rows, key=lambda r: r.occurred_at), NOW, ZoneInfo("Asia/Tokyo"))
    assert "late_night" not in {p.kind for p in tokyo["patterns"]}


def test_breadcrumbs_count_the_last_four_weeks_only():
    recent = [row(i, i * 3, signs=["busy_excuses"]) for i in range(1, 4)]
    old_clean = [row(10 + i, 40 + i) for i in range(5)]
    found = find_patterns(sorted(recent + old_clean, key=lambda r: r.occurred_at), NOW, LONDON)
    assert found["breadcrumb_ratio"] == 1.0
    # Said once, by the pages' breadcrumbs card, not again as a line of the list.
    assert "breadcrumbs" not in {p.kind for p in found["patterns"]}


def test_dodged_replies_after_a_clarity_ask_are_an_answer_too():
    rows = [row(1, 10, asked=True), row(2, 8, signs=["joked_off"]), row(3, 6)]
    found = find_patterns(rows, NOW, LONDON)["patterns"]
    clarity = next(p for p in found if p.kind.startswith("clarity"))
    assert clarity.kind == "clarity_avoided"
    assert "answer too" in clarity.sentence
    assert [r.pk for r in clarity.entries] == [1, 2]


def test_no_entries_no_patterns():
    assert find_patterns([], NOW, LONDON) == {
        "patterns": [],
        "breadcrumb_ratio": None,
        "crumbs": None,
        "late_share": None,
    }


# Through the person page ---------------------------------------------------------------


def add(
    sam, days_ago: float, text: str = "", feeling: int = 0, signs=(), hour: int = 14
) -> Interaction:
    local = (timezone.now() - timedelta(days=days_ago)).astimezone(sam.user.tz)
    entry = Interaction.objects.create(
        user=sam.user, person=sam, text=text, feeling=feeling, occurred_at=local.replace(hour=hour)
    )
    for slug in signs:
        EntryCategory.objects.create(interaction=entry, category=slug, score=0.9, reasons=["test"])
    return entry


def page(client, sam) -> str:
    return client.get(reverse("journal-person", args=[sam.pk])).content.decode()


def test_a_repeated_sign_appears_and_goes_with_its_entries(alice_client, sam):
    entries = [add(sam, d, signs=["left_on_read"]) for d in (2, 6, 10)]
    body = page(alice_client, sam)
    assert "Left on read came up 3 times in the last 30 days." in body
    assert reverse("guidance-page", args=["left-on-read"]) in body
    for entry in entries:
        assert f"#entry-{entry.pk}" in body
    alice_client.post(reverse("journal-entry-delete", args=[entries[0].pk]))
    assert "Left on read came up" not in page(alice_client, sam)


def test_a_patterns_entries_off_the_page_link_to_their_own_page(alice_client, sam):
    """The page shows the latest PERSON_PAGE_ENTRIES cards; older signs link elsewhere."""
    signed = [add(sam, d, signs=["busy_excuses"]) for d in (20, 21, 22)]
    for i in range(PERSON_PAGE_ENTRIES):
        add(sam, 1 + i / 100, text=f"Newer entry {i}.")
    body = page(alice_client, sam)
    assert '"Busy" as a cover came up 3 times' in html.unescape(body)
    for entry in signed:
        assert f'id="entry-{entry.pk}"' not in body  # no card for it here
        assert f'href="#entry-{entry.pk}"' not in body
        assert f'href="{reverse("journal-entry-edit", args=[entry.pk])}"' in body


def test_hot_and_cold_appears_on_the_person_page(alice_client, sam):
    for days, feeling in ((14, 3), (11, -2), (8, 2), (5, -2)):
        add(sam, days, feeling=feeling)
    assert "went from warm to cold, or back," in page(alice_client, sam)


def test_late_night_contact_appears_and_fades_with_daytime_entries(alice_client, sam):
    for days in (1, 3, 5, 7):
        add(sam, days, hour=23)
    assert "happened between 22:00 and 04:00" in page(alice_client, sam)
    for days in (2, 4, 6, 8, 9):
        add(sam, days, hour=13)
    assert "happened between 22:00 and 04:00" not in page(alice_client, sam)


def test_the_person_page_costs_the_same_with_more_entries(
    alice_client, sam, django_assert_max_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            page(alice_client, sam)
        return len(ctx.captured_queries)

    page(alice_client, sam)  # the first request after login settles the session
    for d in range(5):
        add(sam, d, signs=["busy_excuses"])
    few = count()
    Interaction.objects.bulk_create(
        Interaction(
            user=sam.user, person=sam, feeling=-1, occurred_at=timezone.now() - timedelta(hours=h)
        )
        for h in range(1, 400)
    )
    assert count() == few


def test_a_busy_persons_patterns_say_which_entries_they_read(alice_client, sam):
    """Patterns read a person's newest RECENT_PER_PERSON entries, whatever the density:
    past that, the sentences name those entries, not the days."""
    Interaction.objects.bulk_create(
        Interaction(
            user=sam.user,
            person=sam,
            feeling=0,
            occurred_at=timezone.now() - timedelta(days=6, minutes=m),
        )
        for m in range(RECENT_PER_PERSON + 50)
    )
    for days in (1, 2, 3, 4, 5):
        add(sam, days, signs=["busy_excuses"])
    body = html.unescape(page(alice_client, sam))
    latest = f"your latest {RECENT_PER_PERSON} interactions"
    assert f'"Busy" as a cover came up 5 times in {latest}.' in body
    assert "in the last 30 days" not in body

"""The week sums the charts read (journal.rollups) always equal a rebuild from scratch,
and so do each person's entry count and latest entry kept beside them.

Property-based (hypothesis): random runs of logging, editing (to another week, person
or hour), trashing, restoring, correcting signs, reclassifying, importing from Daylio
and changing the time zone, all through the pages and commands people use. After each
run the sums kept along the way must be exactly those `rebuild_rollups` writes.
"""

import os
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import Interaction, Person, WeekRollup
from patterns.classifier.categories import SLUGS

NOW = datetime(2026, 4, 8, 12, tzinfo=UTC)
TEXTS = [
    "They said they were too busy this week, maybe next.",
    "k",
    "Lovely long call about everything.",
    "Left me on read again.",
    "",
]
ZONES = ["Europe/London", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"]

operation = st.one_of(
    st.tuples(
        st.just("log"),
        st.integers(0, 1),  # person
        st.integers(0, 24 * 70),  # hours back
        st.sampled_from(TEXTS),
        st.integers(-3, 3),
        st.sampled_from(["me", "them", ""]),
    ),
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(0, 1), st.integers(0, 24 * 70)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(st.just("correct"), st.integers(0, 50), st.sampled_from(SLUGS), st.booleans()),
    st.tuples(st.just("zone"), st.sampled_from(ZONES)),
    st.tuples(st.just("reclassify")),
)


def sums(user) -> list[tuple]:
    return sorted(
        WeekRollup.objects.filter(user=user).values_list(
            "person_id",
            "week",
            "sunday",
            "total",
            "signed",
            "feeling_sum",
            "me",
            "them",
            "counts",
            "hours",
        ),
        key=repr,
    )


def entry_data(person: Person, at: datetime, text: str, feeling: int, by: str) -> dict:
    return {
        "person": person.pk,
        "occurred_at": at.astimezone(person.user.tz).strftime("%Y-%m-%dT%H:%M"),
        "channel": "text",
        "text": text,
        "feeling": str(feeling),
        "initiated_by": by,
    }


def pick(user, n: int, **filters) -> Interaction | None:
    entries = list(Interaction.objects.filter(user=user, **filters).order_by("pk"))
    return entries[n % len(entries)] if entries else None


def run(client, user, people: list[Person], op: tuple) -> None:
    response = _run(client, user, people, op)
    assert response is None or response.status_code < 400, (op, response.status_code)


def _run(client, user, people: list[Person], op: tuple):
    kind = op[0]
    user.refresh_from_db()
    if kind == "log":
        _, who, hours, text, feeling, by = op
        data = entry_data(people[who], NOW - timedelta(hours=hours), text, feeling, by)
        return client.post(reverse("journal-entry-create"), data)
    elif kind == "edit" and (entry := pick(user, op[1], deleted__isnull=True)):
        data = entry_data(
            people[op[2]], NOW - timedelta(hours=op[3]), entry.text, entry.feeling, ""
        )
        return client.post(reverse("journal-entry-edit", args=[entry.pk]), data)
    elif kind == "delete" and (entry := pick(user, op[1], deleted__isnull=True)):
        return client.post(reverse("journal-entry-delete", args=[entry.pk]))
    elif kind == "restore" and (entry := pick(user, op[1], deleted__isnull=False)):
        return client.post(reverse("journal-entry-restore", args=[entry.pk]))
    elif kind == "correct" and (entry := pick(user, op[1], deleted__isnull=True)):
        data = {"category": op[2], "present": "1" if op[3] else "0"}
        return client.post(reverse("patterns-correct", args=[entry.pk]), data)
    elif kind == "zone":
        data = {"time_zone": op[1], "week_start": str(user.week_start)}
        return client.post(reverse("accounts-settings"), data)
    elif kind == "reclassify":
        call_command("reclassify", user=user.username, stdout=StringIO(), stderr=StringIO())
    return None


@pytest.mark.clock(NOW)
@settings(
    max_examples=int(os.environ.get("ALMOST_ROLLUP_EXAMPLES", "25")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_kept_sums_equal_a_rebuild_after_any_run_of_writes(alice_client, alice, ops):
    Person.objects.filter(user=alice).delete()  # each example starts from an empty journal
    alice.time_zone = "Europe/London"
    alice.save()
    people = [Person.objects.create(user=alice, name=name) for name in ("Sam", "Robin")]
    for op in ops:
        run(alice_client, alice, people, op)
    kept = sums(alice)
    counted = list(Person.objects.filter(user=alice).values_list("pk", "entry_count", "last_seen"))
    call_command("rebuild_rollups", stdout=StringIO())
    assert kept == sums(alice)
    # Each person's entry count and latest entry are kept alongside.
    assert counted == list(
        Person.objects.filter(user=alice).values_list("pk", "entry_count", "last_seen")
    )
    # And they count what is there: every entry outside the trash, once.
    assert sum(row[3] for row in kept) == Interaction.objects.for_user(alice).count()


@pytest.mark.clock(NOW)
def test_rebuild_rollups_names_what_it_did_and_refuses_an_unknown_account(alice, sam):
    Interaction.objects.create(user=alice, person=sam, occurred_at=NOW, feeling=1)
    out = StringIO()
    call_command("rebuild_rollups", user="alice", stdout=out)
    assert out.getvalue() == "Rebuilt 1 week sums for 1 accounts.\n"
    assert WeekRollup.objects.get(person=sam).total == 1
    with pytest.raises(Exception, match="No account named “nobody”"):
        call_command("rebuild_rollups", user="nobody")


@pytest.mark.clock(NOW)
def test_deleting_a_person_takes_their_sums_with_them(alice_client, alice, sam):
    alice_client.post(reverse("journal-entry-create"), entry_data(sam, NOW, "Hi there.", 0, "me"))
    assert WeekRollup.objects.filter(person=sam).exists()
    alice_client.post(reverse("journal-person-delete", args=[sam.pk]))
    assert not WeekRollup.objects.filter(user=alice).exists()

"""`manage.py seed_demo`: a believable demo account, made fast and made again safely."""

import io
import random
import re
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from journal import demo
from journal.demo import CAST, SCENARIOS
from journal.models import Channel, EntryCategory, Feeling, Interaction, Person

PASSWORD = "demo password for tests"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def seed(*args: str, **options) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def demo_entries(username: str = "demo"):
    return Interaction.objects.filter(user__username=username).select_related("person")


@pytest.fixture
def frozen(db):
    with time_machine.travel(NOW, tick=False):
        yield NOW


def test_it_makes_an_account_with_people_and_entries(db):
    out = seed("--username", "demo", "--entries", "300", "--password", PASSWORD)
    demo = User.objects.get(username="demo")
    assert demo.check_password(PASSWORD)
    assert demo.time_zone == "Europe/London"
    people = Person.objects.filter(user=demo)
    assert people.count() == len(CAST) == 6
    assert len({p.relationship for p in people}) >= 5
    assert demo_entries().count() == 300
    categories = EntryCategory.objects.filter(interaction__user=demo).count()
    assert categories > 0
    assert re.search(rf"demo: 6 people, 300 entries, {categories} categories in [\d.]+ s", out)
    assert "Password" not in out


def test_it_prints_a_strong_password_when_none_is_given(db):
    out = seed("--username", "demo", "--entries", "5")
    password = re.search(r"Password for demo: (\S+)", out)[1]
    assert len(password) >= 20
    assert User.objects.get(username="demo").check_password(password)


def test_running_it_again_replaces_the_demo_entries(db):
    seed("--username", "demo", "--entries", "200", "--password", PASSWORD)
    out = seed("--username", "demo", "--entries", "200")
    assert User.objects.filter(username="demo").count() == 1
    assert demo_entries().count() == 200
    assert Person.objects.filter(user__username="demo").count() == 6
    assert EntryCategory.objects.filter(interaction__user__username="demo").exists()
    # Without --password, a refresh sets and prints a new one.
    password = re.search(r"Password for demo: (\S+)", out)[1]
    assert User.objects.get(username="demo").check_password(password)


def test_it_never_touches_other_accounts_or_people_you_added(alice, sam):
    Interaction.objects.create(user=alice, person=sam, text="Alice's own entry.", feeling=1)
    seed("--username", "demo", "--entries", "50", "--password", PASSWORD)
    demo = User.objects.get(username="demo")
    nora = Person.objects.create(user=demo, name="Nora")
    Interaction.objects.create(user=demo, person=nora, text="Added by hand.", feeling=0)

    seed("--username", "demo", "--entries", "50", "--password", PASSWORD)
    assert Interaction.objects.get(user=alice).text == "Alice's own entry."
    assert Person.objects.filter(user=alice).count() == 1
    assert Interaction.objects.get(person__name="Nora").text == "Added by hand."
    assert demo_entries().count() == 51


def test_the_same_seed_gives_the_same_journal(frozen):
    seed("--username", "demo", "--entries", "80", "--password", PASSWORD)
    first = [(e.person.name, e.occurred_at, e.text, e.feeling) for e in demo_entries()]
    seed("--username", "demo", "--entries", "80", "--password", PASSWORD)
    again = [(e.person.name, e.occurred_at, e.text, e.feeling) for e in demo_entries()]
    assert first == again
    seed("--username", "demo", "--entries", "80", "--password", PASSWORD, "--seed", "7")
    other = [(e.person.name, e.occurred_at, e.text, e.feeling) for e in demo_entries()]
    assert other != first


def test_entries_spread_over_six_months_and_thicken_towards_now(frozen):
    seed("--username", "demo", "--entries", "600", "--password", PASSWORD)
    times = [e.occurred_at for e in demo_entries()]
    assert min(times) >= NOW - timedelta(days=181)
    assert max(times) <= NOW
    recent = sum(t > NOW - timedelta(days=30) for t in times)
    oldest = sum(t < NOW - timedelta(days=150) for t in times)
    assert recent > 2 * oldest > 0


def test_each_person_keeps_their_habits_in_the_accounts_time_zone(frozen):
    seed("--username", "demo", "--entries", "600", "--password", PASSWORD)
    seed(
        "--username",
        "nyc",
        "--entries",
        "600",
        "--password",
        PASSWORD,
        "--time-zone",
        "America/New_York",
    )
    nyc = User.objects.get(username="nyc")
    assert nyc.time_zone == "America/New_York"
    for username, tz in (("demo", "Europe/London"), ("nyc", "America/New_York")):
        local = [
            (e.person.name, timezone.localtime(e.occurred_at, ZoneInfo(tz)))
            for e in demo_entries(username)
        ]
        jamie = [at for name, at in local if name == "Jamie"]
        late = [at for at in jamie if at.hour >= 21 or at.hour < 3]
        assert len(late) > 0.6 * len(jamie)  # the situationship texts at night
        dana = [at for name, at in local if name == "Dana"]
        assert all(at.weekday() < 5 and 9 <= at.hour < 18 for at in dana)  # the coworker


def test_the_entries_read_like_a_real_journal(db):
    seed("--username", "demo", "--entries", "400", "--password", PASSWORD)
    entries = list(demo_entries())
    texts = [e.text for e in entries if e.text]
    assert len(set(texts)) > 0.8 * len(entries)
    assert all("{" not in t and "}" not in t for t in texts)  # every slot filled
    assert {e.feeling for e in entries} >= {-2, 0, 2}
    assert {w for e in entries for w in e.feelings} <= set(Feeling.values)
    assert any(e.feelings for e in entries)
    # Facts are filled in sometimes, not always.
    for fact in ("reply", "initiated_by", "plan_outcome"):
        filled = sum(bool(getattr(e, fact)) for e in entries)
        assert 0 < filled < len(entries)
    assert 0 < sum(e.reply_delay_hours is not None for e in entries) < len(entries)
    assert any(e.asked_clarity for e in entries)
    assert len({e.channel for e in entries}) >= 5


def test_the_categories_have_something_to_show(db):
    seed("--username", "demo", "--entries", "400", "--password", PASSWORD)
    found = Counter(
        EntryCategory.objects.filter(interaction__user__username="demo").values_list(
            "category", flat=True
        )
    )
    assert len(found) >= 5
    assert sum(found.values()) > 400 * 0.15
    # The friend is warm and steady; the situationship is not.
    by_person = Counter(
        EntryCategory.objects.filter(interaction__user__username="demo").values_list(
            "interaction__person__name", flat=True
        )
    )
    assert by_person["Jamie"] > 3 * by_person["Priya"]


def test_the_demo_account_can_browse_its_journal(client, db):
    seed("--username", "demo", "--entries", "120", "--password", PASSWORD)
    demo = User.objects.get(username="demo")
    client.force_login(demo)
    assert client.get("/").status_code == 200
    assert "Jamie" in client.get(reverse("journal-people")).content.decode()
    jamie = Person.objects.get(user=demo, name="Jamie")
    assert client.get(reverse("journal-person", args=[jamie.pk])).status_code == 200
    assert client.get(reverse("patterns-weekly")).status_code == 200


def test_it_needs_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        seed("--username", "demo", "--entries", "1000", "--password", PASSWORD)


def test_two_thousand_entries_take_a_few_seconds(db):
    started = time.perf_counter()
    seed("--username", "demo", "--entries", "2000", "--password", PASSWORD)
    # Generous for a busy machine; a query per entry would take far longer.
    assert time.perf_counter() - started < 10
    assert demo_entries().count() == 2000


def test_every_demo_sentence_fills_and_uses_known_words():
    slots = dict.fromkeys(["name", "they", "They", "them", "their", "theyre", "time"], "x")
    slots |= dict.fromkeys(["read_at", "day", "day2", "since"], "x")
    for scenario in SCENARIOS.values():
        assert set(scenario.words) <= set(Feeling.values)
        for options in scenario.parts:
            for sentence, facts in options:
                filled = demo._fill(sentence, demo._Slots(random.Random(0), **slots))
                assert "{" not in filled and "}" not in filled
                assert set(facts) <= {"asked_clarity", "channel"}
    for cast in CAST:
        assert set(cast.scenarios) <= set(SCENARIOS)
        assert set(cast.channels) <= set(Channel.values)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--password", "short"], "too short"),
        (["--time-zone", "Mars/Olympus"], "not a time zone"),
        (["--entries", "-1"], "0 or more"),
    ],
)
def test_it_refuses_bad_options(db, args, message):
    with pytest.raises(CommandError, match=message):
        seed("--username", "demo", "--entries", "5", *args)
    assert not User.objects.filter(username="demo").exists()


def test_it_refuses_to_refresh_an_admin_account(db):
    User.objects.create_superuser("admin", password=PASSWORD)
    with pytest.raises(CommandError, match="admin account"):
        seed("--username", "admin", "--entries", "5")
    assert not Interaction.objects.exists()

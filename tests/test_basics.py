"""My basics: lines set while calm, checked against the last 30 days, and the review."""

import html
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal import rollups
from journal.models import (
    Basic,
    ChatConversation,
    ChatSource,
    Decision,
    EntryCategory,
    Interaction,
    Line,
    Person,
)

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("pinned")


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def add(person, days_ago: float, **facts) -> Interaction:
    """An entry written straight to the database, its week's sums kept as logging does."""
    facts.setdefault("feeling", 0)
    entry = Interaction.objects.create(
        user=person.user, person=person, occurred_at=NOW - timedelta(days=days_ago), **facts
    )
    rollups.refresh_entries(person.user, [entry])
    return entry


def text(response) -> str:
    return html.unescape(response.content.decode())


def person_page(client, person, raw: bool = False) -> str:
    response = client.get(reverse("journal-person", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode() if raw else text(response)


def test_setting_a_basic_lists_it_in_the_persons_terms(alice_client, alice, sam):
    response = alice_client.post(
        reverse("patterns-basics"), {"line": "cancellations", "number": "1", "person": sam.pk}
    )
    assert response.status_code == 302
    page = text(alice_client.get(reverse("patterns-basics")))
    assert "No more than 1 cancellations without another time" in page
    assert "for Sam" in page


def test_a_line_without_its_number_is_refused_with_a_clear_message(alice_client, alice):
    response = alice_client.post(reverse("patterns-basics"), {"line": "replies", "number": ""})
    assert response.status_code == 200
    assert "Choose a number from 0 to 336." in text(response)
    assert not Basic.objects.exists()


def test_own_words_are_sealed_and_need_words(alice_client, alice):
    response = alice_client.post(reverse("patterns-basics"), {"line": "own_words"})
    assert "Write what you need" in text(response)
    alice_client.post(
        reverse("patterns-basics"), {"line": "own_words", "words": "Someone who shows up"}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT words FROM patterns_basic")
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and "shows up" not in stored
    assert "“Someone who shows up”" in text(alice_client.get(reverse("patterns-basics")))


def test_cancellations_past_the_line_show_on_the_person_page(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=1)
    for days in (2, 9, 20):
        add(sam, days, plan_outcome="cancelled")
    add(sam, 40, plan_outcome="cancelled")  # outside the 30 days
    page = person_page(alice_client, sam)
    assert "Sam cancelled 3 times in 30 days without offering another time; your line is 1." in page
    assert reverse("guidance-page", args=["avoided-plans"]) in page


def test_a_line_that_holds_says_nothing(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=3)
    for days in (2, 9, 20):
        add(sam, days, plan_outcome="cancelled")
    assert "your line is" not in person_page(alice_client, sam)


def test_a_line_for_one_person_wins_over_the_line_for_everyone(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=0)
    Basic.objects.create(user=alice, person=sam, line=Line.CANCELLATIONS, number=2)
    jo = Person.objects.create(user=alice, name="Jo")
    for person in (sam, jo):
        add(person, 3, plan_outcome="cancelled")
    assert "your line is" not in person_page(alice_client, sam)
    assert "Jo cancelled once" in person_page(alice_client, jo)


def test_slow_replies_on_most_days_cross_the_reply_line(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.REPLIES, number=6)
    for days, hours in ((1, 20), (3, 30), (5, 2)):
        add(sam, days, reply_delay_hours=hours)
    assert "2 of Sam's last 3 replies took longer than 6 hours" in person_page(alice_client, sam)


def test_reaching_out_first_rarely_crosses_the_line(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.REACH_OUT, number=4)
    for days, who in enumerate(["me", "me", "me", "me", "them"], start=1):
        add(sam, days, initiated_by=who)
    assert "Sam reached out first about 2 times in 10" in person_page(alice_client, sam)


def test_late_contact_is_counted_in_the_users_own_time_zone(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.DAYLIGHT, number=50)
    # 22:30 UTC is 23:30 in London (summer): late. 12:00 UTC is daytime.
    for days in (1, 2, 3):
        Interaction.objects.create(
            user=alice,
            person=sam,
            feeling=0,
            occurred_at=datetime(2026, 6, 14 - days, 22, 30, tzinfo=UTC),
        )
    add(sam, 5)
    assert "75% of your contact with Sam was after 10 pm" in person_page(alice_client, sam)


def test_an_unanswered_clarity_ask_crosses_the_clarity_line(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.CLARITY, number=3)
    add(sam, 6, asked_clarity=True, initiated_by="me")
    assert "You asked Sam for clarity 6 days ago" in person_page(alice_client, sam)
    add(sam, 2, initiated_by="them")
    assert "You asked Sam for clarity" not in person_page(alice_client, sam)


def test_the_person_page_keeps_its_query_count_with_lines_and_many_entries(
    alice_client, alice, sam
):
    for line, number in ((Line.REPLIES, 6), (Line.CANCELLATIONS, 1), (Line.DAYLIGHT, 20)):
        Basic.objects.create(user=alice, line=line, number=number)
    person_page(alice_client, sam)  # the first request settles the session

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            person_page(alice_client, sam)
        return len(ctx.captured_queries)

    add(sam, 1, plan_outcome="cancelled", reply_delay_hours=9)
    few = count()
    Interaction.objects.bulk_create(
        Interaction(
            user=alice,
            person=sam,
            feeling=-1,
            plan_outcome="cancelled",
            reply_delay_hours=h % 12,
            occurred_at=NOW - timedelta(hours=h),
        )
        for h in range(1, 600)
    )
    assert count() == few


def signed(person, days_ago: float) -> Interaction:
    entry = add(person, days_ago, feeling=-2)
    EntryCategory.objects.create(interaction=entry, category="busy_excuses")
    return entry


def test_the_review_walks_each_person_with_signs_and_records_a_decision(alice_client, alice, sam):
    jo = Person.objects.create(user=alice, name="Jo")
    Person.objects.create(user=alice, name="Quiet")  # no signs: not reviewed
    signed(sam, 2)
    signed(jo, 3)
    Basic.objects.create(user=alice, line=Line.OWN_WORDS, words="Someone who shows up")
    Basic.objects.create(user=alice, person=sam, line=Line.OWN_WORDS, words="Sam: plans kept")
    page = text(alice_client.get(reverse("patterns-review")))
    assert "Your week with Jo" in page and "1 more to look at" in page
    assert "“Someone who shows up”" in page and "plans kept" not in page
    response = alice_client.post(
        reverse("patterns-review"),
        {"choice": "keep", "feeling": "-1", "note": "Give it a week", "look_again": "2026-06-22"},
    )
    assert response.url == reverse("patterns-review")
    decision = Decision.objects.get(person=jo)
    assert decision.note == "Give it a week" and decision.look_again == date(2026, 6, 22)
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM patterns_decision")
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and "week" not in stored
    assert "Your week with Sam" in text(alice_client.get(reverse("patterns-review")))
    response = alice_client.post(reverse("patterns-review"), {"choice": "clarity"})
    assert response.url == reverse("guidance-clarity", args=[sam.pk])
    assert "Nobody needs a look this week" in text(alice_client.get(reverse("patterns-review")))
    assert "Keep going" in person_page(alice_client, jo)


def test_ending_it_opens_the_ending_drafts_with_their_name(alice_client, alice, sam):
    signed(sam, 1)
    response = alice_client.post(reverse("patterns-review"), {"choice": "end"})
    assert response.url == reverse("guidance-messages") + "?name=Sam"


def test_a_review_without_a_choice_keeps_what_was_typed(alice_client, alice, sam):
    signed(sam, 1)
    response = alice_client.post(reverse("patterns-review"), {"note": "Still unsure"})
    assert response.status_code == 200
    assert "Still unsure" in text(response)
    assert not Decision.objects.exists()


def test_a_look_again_date_that_has_come_shows_on_the_log_page_until_looked_at(
    alice_client, alice, sam
):
    decision = Decision.objects.create(
        user=alice, person=sam, choice="step_back", look_again=date(2026, 6, 20)
    )
    assert "Time to look again" not in text(alice_client.get(reverse("journal-log")))
    with time_machine.travel(datetime(2026, 6, 20, 9, tzinfo=UTC), tick=False):
        page = text(alice_client.get(reverse("journal-log")))
        assert "Time to look again" in page and "“step back” with Sam" in page
        alice_client.post(reverse("patterns-decision-looked", args=[decision.pk]))
        assert "Time to look again" not in text(alice_client.get(reverse("journal-log")))


def test_the_outsider_gets_404_for_alices_lines_and_decisions(bob_client, alice, sam):
    basic = Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=1)
    decision = Decision.objects.create(user=alice, person=sam, choice="keep")
    assert bob_client.post(reverse("patterns-basic-delete", args=[basic.pk])).status_code == 404
    url = reverse("patterns-decision-looked", args=[decision.pk])
    assert bob_client.post(url).status_code == 404
    response = bob_client.post(
        reverse("patterns-basics"), {"line": "replies", "number": "3", "person": sam.pk}
    )
    assert response.status_code == 200 and not Basic.objects.filter(user__username="bob").exists()


def test_deleting_a_person_removes_their_lines_and_decisions(alice_client, alice, sam):
    Basic.objects.create(user=alice, person=sam, line=Line.CANCELLATIONS, number=1)
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=2)
    Decision.objects.create(user=alice, person=sam, choice="keep")
    alice_client.post(reverse("journal-person-delete", args=[sam.pk]))
    assert list(Basic.objects.values_list("number", flat=True)) == [2]
    assert not Decision.objects.exists()


def test_the_weekly_view_says_which_lines_were_crossed_and_offers_the_review(
    alice_client, alice, sam
):
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=0)
    add(sam, 4, plan_outcome="cancelled")
    page = text(alice_client.get(reverse("patterns-weekly")))
    assert "Sam cancelled once in 30 days without offering another time" in page
    assert reverse("patterns-review") in page


def test_decisions_show_as_markers_on_the_persons_chart_and_as_a_list(alice_client, alice, sam):
    add(sam, 10, feeling=-1)
    Decision.objects.create(
        user=alice,
        person=sam,
        choice="step_back",
        note="Quiet for a while",
        decided=NOW - timedelta(days=3),
    )
    Decision.objects.create(
        user=alice, person=sam, choice="keep", decided=NOW - timedelta(days=400)
    )  # long before the chart's 12 weeks: listed, not drawn
    page = person_page(alice_client, sam, raw=True)
    figure = re.search(r'id="person-feeling" data-chart data-figure="([^"]*)"', page)
    marks = json.loads(html.unescape(figure[1]))["data"][0]
    assert (marks["name"], marks["x"], marks["text"]) == (
        "Your decisions",
        ["2026-06-12"],
        ["Step back"],
    )
    page = html.unescape(page)
    assert "Step back. “Quiet for a while”" in page and "Keep going" in page


def test_imported_chats_count_their_first_reply_against_the_reply_line(alice_client, alice, sam):
    Basic.objects.create(user=alice, line=Line.REPLIES, number=2)
    for days, minutes in ((1, 600), (4, 900), (6, 30)):
        entry = add(sam, days)
        ChatConversation.objects.create(
            interaction=entry,
            source=ChatSource.WHATSAPP,
            ended=entry.occurred_at,
            first_reply=minutes,
        )
    assert "2 of Sam's last 3 replies took longer than 2 hours" in person_page(alice_client, sam)

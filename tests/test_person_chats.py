"""A person's page, "From your chats": sentences first, then four weekly charts and tables."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal import rollups
from journal.models import Interaction
from tests import chat_fixtures as fx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
clock = fx.clock


def imported(tmp_path, data: bytes = None, person: str = "Rafael") -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(data or fx.android())
    args = ["--username", "alice", "--person", person, "--me", fx.ME]
    call_command("import_chat", str(path), *args, stdout=io.StringIO())


def page(client, person) -> str:
    response = client.get(reverse("journal-person", args=[person.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_it_says_in_plain_words_what_the_chats_show(alice_client, alice, tmp_path):
    imported(tmp_path)
    person = alice.person_set.get()
    text = page(alice_client, person)
    assert "From your chats" in text
    # 5 of 8 started by me; medians 40 (mine) and 16.5 (theirs); late 2 of 9 and 2 of 8
    assert "Over two weeks you started 5 of 8 conversations with Rafael." in text
    assert "Rafael's replies took 16 minutes at the median, yours 40 minutes." in text
    assert "25% of Rafael's messages came late at night (10pm to 4am), and 22% of yours." in text


def test_it_draws_four_weekly_charts_each_with_its_table(alice_client, alice, tmp_path):
    alice.week_start = 0
    alice.save(update_fields=["week_start"])
    imported(tmp_path)
    text = page(alice_client, alice.person_set.get())
    for key in ("chat-started", "chat-messages", "chat-replies", "chat-late"):
        assert f'id="{key}" data-chart data-figure=' in text
        assert f'id="{key}-table"' in text
    tables = dict(
        re.findall(r'<table class="chart-table" id="([\w-]+)-table">(.*?)</table>', text, re.S)
    )
    rows = lambda key: re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", tables[key])  # noqa: E731
    # C1-C6 start in the week of 5 January, C7 and C8 in the next
    assert rows("chat-started") == [
        ("5 Jan 2026", "<td>4</td><td>2</td>"),
        ("12 Jan 2026", "<td>1</td><td>1</td>"),
    ]
    assert rows("chat-messages")[0] == ("5 Jan 2026", "<td>7</td><td>6</td>")
    # replies in week one: mine 9 360 40 1440 -> 200; theirs 8 1 1885 25 -> 16.5
    assert rows("chat-replies")[0] == ("5 Jan 2026", "<td>200</td><td>16.5</td>")
    # week two: mine 5; theirs 4440 1 -> 2220.5; late: none
    assert rows("chat-replies")[1] == ("12 Jan 2026", "<td>5</td><td>2220.5</td>")
    assert rows("chat-late") == [
        ("5 Jan 2026", "<td>29%</td><td>33%</td>"),
        ("12 Jan 2026", "<td>0%</td><td>0%</td>"),
    ]
    assert "<script>" not in text  # figures ride in data attributes, drawn by charts.js


def test_conversations_in_the_trash_are_left_out(alice_client, alice, tmp_path):
    imported(tmp_path)
    Interaction.objects.filter(user=alice).update(deleted=fx.NOW)
    assert "From your chats" not in page(alice_client, alice.person_set.get())


def test_a_person_without_chats_has_no_such_part(alice_client, sam):
    assert "From your chats" not in page(alice_client, sam)
    assert "Imported chats" not in alice_client.get(reverse("patterns-weekly")).text


def test_the_part_costs_one_query_however_long_the_chat(alice_client, alice, tmp_path):
    imported(tmp_path)
    person = alice.person_set.get()
    page(alice_client, person)
    with CaptureQueriesContext(connection) as short:
        page(alice_client, person)
    imported(tmp_path, fx.telegram(), person="Rafael")  # nothing new: same conversations
    long = [
        (fx.NOW.replace(year=2025, month=m, day=d, hour=9), who, "hi", 0)
        for m in range(2, 12)
        for d in (3, 17)
        for who in (fx.ME, fx.THEM)
    ]
    imported(tmp_path, fx.android(rows=long), person="Rafael")
    with CaptureQueriesContext(connection) as longer:
        page(alice_client, person)
    assert len(longer.captured_queries) == len(short.captured_queries)
    assert "Over twelve months you started" in page(alice_client, person)


def test_the_weekly_view_counts_imported_chats_or_leaves_them_out(alice_client, alice, tmp_path):
    imported(tmp_path)
    person = alice.person_set.get()
    logged = Interaction.objects.create(user=alice, person=person, feeling=-1, occurred_at=fx.NOW)
    rollups.refresh_entries(alice, [logged])  # as the log form does
    alice.week_start = 0
    alice.save(update_fields=["week_start"])
    url = reverse("patterns-weekly")

    def interactions(query: dict) -> dict[str, str]:
        """Each week's Interactions cell, the table's second last column."""
        page = alice_client.get(url, query).text
        rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page)
        return {week: re.findall(r"<td>(?:<a [^>]+>)?(\d+)", cells)[-1] for week, cells in rows}

    # 6 and 2 imported conversations in January, and the one logged entry today
    with_them = interactions({"range": "all"})
    assert (with_them["5 Jan 2026"], with_them["12 Jan 2026"], with_them["26 Jan 2026"]) == (
        "6",
        "2",
        "1",
    )
    apart = interactions({"range": "all", "chats": "apart"})
    assert apart == {"26 Jan 2026": "1"}  # all time starts at the first logged entry
    page = alice_client.get(url, {"chats": "apart"}).text
    assert '<option value="apart" selected>Left out</option>' in page

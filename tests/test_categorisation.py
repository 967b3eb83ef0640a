"""Categories through the public surface: post the log form, read what was stored."""

import html
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journal.models import EntryCategory, Interaction, Source

# Three entries that show each sign, and three that look like it but are fine.
CASES = {
    "one_word_replies": (
        [
            "Wrote her three paragraphs about how scared I am for Mum's surgery tomorrow. She replied 'ok'.",
            "Poured my heart out about feeling lost at work, long message, really vulnerable. He just hearted it. Nothing else.",
            "Told him all about my first week at the new job, the good and the awful bits. Reply: 'nice'.",
        ],
        [
            "Asked where he was. 'omw' — he got here ten minutes later.",
            "Sent 'dinner at 7?' and she said 'yes!' and booked the table.",
            "He answered 'ok!! tell me everything tonight' and then called me at 8 and we talked for an hour.",
        ],
    ),
    "busy_excuses": (
        [
            "No word for five days, then: 'sorry, crazy week, so much going on'. No question about me, nothing.",
            "She cancelled again because she's 'swamped'. Then I saw her out at the pub on her story.",
            "Asked if we could talk this weekend. 'Super busy rn, will let you know' and that was it.",
        ],
        [
            "His shift moved, so he asked if Sunday at 4 works instead. We met Sunday at 4 and it was lovely.",
            "She said she's busy with exams until Friday and asked to go for a walk Saturday morning. We did.",
            "Work was busy for me this week, so I texted less. He was sweet about it.",
        ],
    ),
    "avoided_plans": (
        [
            "Suggested dinner next week. He said 'maybe sometime, we'll see'.",
            "Third time she's moved our coffee. Now it's 'let's play it by ear'.",
            "Asked when we could meet up. He changed the subject to a video he'd watched. Third time.",
        ],
        [
            "He had to reschedule Friday's dinner, but he suggested Tuesday at 7 instead, and Tuesday happened. Great night.",
            "We planned the cinema for Saturday and went. Good film, nice evening.",
            "She proposed a hike on the 12th and sent me the trail map. Can't wait.",
        ],
    ),
    "left_on_read": (
        [
            "My message says Read 2:14pm. It's now 11pm. Nothing.",
            "Left on read again since yesterday morning, but she's been posting stories all day.",
            "Blue ticks on my question about his dad for two days. He's online constantly.",
        ],
        [
            "She didn't leave me on read this time, she answered straight away.",
            "He told me he'd be offline on a camping trip. Replied Monday morning with a long message and photos.",
            "Took her a day to answer but she apologised, said her phone died, and asked all about my interview.",
        ],
    ),
    "late_night_only": (
        [
            "1:40am: 'u up?'. Haven't heard from him during the day all week.",
            "She only ever texts after midnight when she's bored. 'wyd' at 2am again.",
            "He messaged at 11:50pm after his plans with friends fell through. Nothing all day before that.",
        ],
        [
            "We had a late call at 11pm because she's in Tokyo for work; we'd arranged it on Monday.",
            "Lovely afternoon text from him asking about my day, then we chatted at lunch too.",
            "He works nights at the hospital, so we planned a call at 1am on his break. Really sweet.",
        ],
    ),
    "joked_off": (
        [
            "I said I needed to talk about where this is going. He said 'lol relax' and sent a meme.",
            "Told her I'd had a really hard day and felt low. She made a joke about my hair and changed the subject.",
            "Tried to talk about my health scare. He laughed it off with 'you'll outlive us all haha'.",
        ],
        [
            "We spent an hour sending each other terrible puns about cheese. Crying laughing.",
            "Joked together about our awful bosses all evening, so fun.",
            "I told him I was nervous about the results; he listened, asked questions, and then made me laugh once I felt better.",
        ],
    ),
    "hot_and_cold": (
        [
            "On Saturday he said he'd never felt like this about anyone. Today, dry one-line texts and no questions.",
            "Last week she couldn't stop texting me, planning trips together. This week she's distant and cold.",
            "He was all over me at the party, so affectionate. Next morning, nothing, like it never happened.",
        ],
        [
            "Another warm evening with her, same as every week. Easy and kind.",
            "He's been steady and sweet all month, texts most days and we see each other on Sundays.",
            "We had a disagreement about chores but talked it through calmly and hugged after.",
        ],
    ),
}


def when(text: str) -> str:
    """A local time that fits the entry: late-night stories happen late at night."""
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    lowered = text.lower()
    for clock, hour in (
        ("1:40am", "01:40"),
        ("2am", "02:00"),
        ("1am", "01:00"),
        ("11:50pm", "23:50"),
        ("11pm", "23:00"),
    ):
        if clock in lowered:
            return f"{day}T{hour}"
    return f"{day}T14:00"


def log(client, text: str) -> Interaction:
    data = {
        "new_person": "Sam",
        "occurred_at": when(text),
        "channel": "text",
        "text": text,
        "feeling": "0",
    }
    response = client.post(reverse("journal-entry-create"), data)
    assert response.status_code == 302, response.context["form"].errors
    return Interaction.objects.latest("pk")


def stored(entry: Interaction) -> set[str]:
    return set(
        EntryCategory.objects.filter(interaction=entry, active=True).values_list(
            "category", flat=True
        )
    )


@pytest.mark.parametrize(
    ("slug", "text"), [(slug, t) for slug, (positives, _) in CASES.items() for t in positives]
)
def test_a_sign_is_stored_with_its_reasons(alice_client, slug, text):
    entry = log(alice_client, text)
    assert slug in stored(entry)
    row = EntryCategory.objects.get(interaction=entry, category=slug)
    assert row.source == Source.AUTO and row.reasons and 0.5 <= row.score <= 1


@pytest.mark.parametrize(
    ("slug", "text"), [(slug, t) for slug, (_, cleans) in CASES.items() for t in cleans]
)
def test_a_look_alike_is_not_flagged(alice_client, slug, text):
    assert slug not in stored(log(alice_client, text))


def test_the_timeline_shows_chips_with_their_reasons(alice_client):
    entry = log(alice_client, CASES["left_on_read"][0][0])
    page = alice_client.get("/").content.decode()
    reason = EntryCategory.objects.get(interaction=entry, category="left_on_read").reasons[0]
    assert "Left on read" in page
    assert reason.replace("'", "&#x27;") in page or reason in page


def test_add_a_sign_offers_only_the_signs_the_entry_lacks(alice_client):
    entry = log(alice_client, CASES["left_on_read"][0][0])
    page = alice_client.get("/").content.decode()
    menu = page[page.index(f'<select id="add-{entry.pk}"') :]
    menu = menu[: menu.index("</select>")]
    assert '<option value="left_on_read">' not in menu
    assert '<option value="joked_off">Joked off</option>' in menu


def test_editing_an_entry_classifies_it_again(alice_client):
    entry = log(alice_client, "Lovely walk in the park, we talked for hours.")
    assert stored(entry) == set()
    data = {
        "person": entry.person_id,
        "occurred_at": when(""),
        "channel": "text",
        "text": CASES["avoided_plans"][0][0],
        "feeling": "-1",
        "updated": entry.updated.isoformat(),
    }
    alice_client.post(reverse("journal-entry-edit", args=[entry.pk]), data)
    assert "avoided_plans" in stored(entry)


def correct(client, entry, slug, present, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("patterns-correct", args=[entry.pk]),
        {"category": slug, "present": "1" if present else "0"},
        headers=headers,
    )


def test_corrections_win_and_survive_reclassify(alice_client, alice):
    removed = log(alice_client, CASES["busy_excuses"][0][0])
    added = log(alice_client, "We talked on the phone for a bit.")
    assert correct(alice_client, removed, "busy_excuses", False).status_code == 302
    response = correct(alice_client, added, "hot_and_cold", True, htmx=True)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert "Hot and cold" in response.content.decode()

    call_command("reclassify", stdout=StringIO(), stderr=StringIO())
    call_command("reclassify", user="alice", stdout=StringIO(), stderr=StringIO())

    assert "busy_excuses" not in stored(removed)
    assert (
        EntryCategory.objects.get(interaction=removed, category="busy_excuses").source
        == Source.PERSON
    )
    assert stored(added) == {"hot_and_cold"}


def test_after_a_correction_with_htmx_the_focus_stays_on_the_chips_and_it_is_said(alice_client):
    entry = log(alice_client, CASES["busy_excuses"][0][0])
    html = correct(alice_client, entry, "busy_excuses", False, htmx=True).content.decode()
    # Removed: the keyboard lands on "Add a sign", the only place left to act.
    assert '<summary autofocus>+ <span class="visually-hidden">Add a sign' in html
    assert html.count("autofocus") == 1
    assert (
        'hx-swap-oob="innerHTML:#messages"' in html
        and "Sign removed: &quot;Busy&quot; as a cover." in html
    )

    html = correct(alice_client, entry, "joked_off", True, htmx=True).content.decode()
    # Added: on the new chip, to open it and read why, or take it back.
    assert re.search(r'class="chip chip-joked_off">\s*<summary autofocus>Joked off', html)
    assert html.count("autofocus") == 1 and "Sign added: Joked off." in html

    # An unknown sign changes nothing and says nothing.
    html = correct(alice_client, entry, "no-such-sign", True, htmx=True).content.decode()
    assert "#messages" not in html and stored(entry) == {"joked_off"}
    assert "<summary autofocus>+ " in html  # the focus still lands somewhere


def test_a_sign_put_back_says_why_and_one_the_person_added_says_so(alice_client):
    entry = log(alice_client, CASES["left_on_read"][0][0])
    correct(alice_client, entry, "left_on_read", False)
    html = correct(alice_client, entry, "left_on_read", True, htmx=True).content.decode()
    why = re.search(r'chip-left_on_read">.*?<p class="chip-why">(.*?)</p>', html, re.S)[1]
    assert why.startswith("Why: ") and "You added this" not in why

    html = correct(alice_client, entry, "joked_off", True, htmx=True).content.decode()
    why = re.search(r'chip-joked_off">.*?<p class="chip-why">(.*?)</p>', html, re.S)[1]
    assert why == "You added this."


def test_chips_sent_after_a_correction_send_the_person_back_to_their_page(alice_client):
    entry = log(alice_client, CASES["busy_excuses"][0][0])
    html = alice_client.post(
        reverse("patterns-correct", args=[entry.pk]),
        {"category": "joked_off", "present": "1"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/?q=week&page=2"},
    ).content.decode()
    nexts = set(re.findall(r'name="next" value="([^"]*)"', html))
    assert nexts == {"/?q=week&amp;page=2"}


def test_reclassify_refreshes_automatic_categories(alice_client, alice):
    entry = log(alice_client, CASES["left_on_read"][0][1])
    EntryCategory.objects.filter(interaction=entry).delete()
    EntryCategory.objects.create(
        interaction=entry, category="joked_off", score=0.9, reasons=["stale"]
    )
    call_command("reclassify", user="alice", stdout=StringIO(), stderr=StringIO())
    assert stored(entry) == {"left_on_read"}


def test_reclassify_names_an_unknown_account(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No account named"):
        call_command("reclassify", user="nobody")


def test_the_live_hint_names_the_sign_without_saving(alice_client):
    response = alice_client.post(
        reverse("patterns-hint"),
        {"text": CASES["joked_off"][0][0], "feeling": "-2", "occurred_at": when("")},
        headers={"HX-Request": "true"},
    )
    assert "Sounds like" in response.content.decode() and "Joked off" in response.content.decode()
    assert Interaction.objects.count() == 0


def test_the_hint_is_quiet_for_a_fine_entry(alice_client):
    response = alice_client.post(reverse("patterns-hint"), {"text": CASES["joked_off"][1][0]})
    assert "Sounds like" not in response.content.decode()


def test_an_outsider_cannot_correct_an_entry(alice_client, bob):
    entry = log(alice_client, CASES["busy_excuses"][0][1])
    outsider = Client()
    outsider.force_login(bob)
    assert correct(outsider, entry, "busy_excuses", False).status_code == 404
    assert "busy_excuses" in stored(entry)


def test_stored_reasons_quote_nothing_from_the_sealed_text(alice_client):
    entry = log(alice_client, "Brought up moving in. Zephyrine said 'lol' and sent a meme.")
    stored_reasons = EntryCategory.objects.get(interaction=entry, category="joked_off").reasons
    assert stored_reasons and not any("“" in r or "brought up" in r for r in stored_reasons)
    page = alice_client.get("/").content.decode()
    assert "(“brought up”)" in page  # the page works the quoted reason out again


def test_a_clear_answer_is_named_as_clarity_not_a_sign(alice_client):
    entry = log(
        alice_client,
        "Asked Alex where we stand. She said honestly she's not feeling a romantic "
        "connection, but she enjoyed our dates.",
    )
    assert stored(entry) == set()
    body = alice_client.get("/").content.decode()
    assert "This reads as a clear answer, not a micro-rejection." in body
    link = reverse("guidance-page", args=["ask-for-clarity"]) + "#how-to-hear-the-answer"
    assert f'href="{link}"' in body
    guide = alice_client.get(reverse("guidance-page", args=["ask-for-clarity"])).content.decode()
    assert '<h2 id="how-to-hear-the-answer">' in guide
    hint = alice_client.post(
        reverse("patterns-hint"),
        {"text": "He told me he doesn't see us as more than friends.", "feeling": "-1"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Sounds like a clear answer" in hint

    # Her page says so too, instead of offering to ask her for clarity.
    page = alice_client.get(reverse("journal-person", args=[entry.person_id])).content.decode()
    assert "Your latest entry with Sam reads as a clear answer." in page
    assert "for clarity, once" not in page
    log(alice_client, "Quick coffee with Sam, all friendly.")  # a later entry: no longer
    page = alice_client.get(reverse("journal-person", args=[entry.person_id])).content.decode()
    assert "Your latest entry with Sam" not in page and "Ask Sam for clarity, once" in page


@pytest.mark.parametrize(
    "text",
    [
        "We're not looking for anything fancy for dinner, just pizza.",
        "She said no to the cinema but suggested bowling on Friday instead.",
        "I met someone else at the party who knew him.",
        "Told him I'd rather stay in tonight. He brought soup.",
    ],
)
def test_everyday_words_are_not_taken_for_a_clear_answer(alice_client, text):
    log(alice_client, text)
    assert "clear answer" not in alice_client.get("/").content.decode()


@pytest.mark.parametrize(
    "text",
    [
        'I finally asked Ben where this is going. He said "I\'m not feeling it, sorry."',
        "Ben told me he's not feeling it. At least I know now.",
        "She said she's not into me like that. Kind about it.",
    ],
)
def test_a_plain_no_in_everyday_words_is_a_clear_answer(alice_client, text):
    log(alice_client, text)
    assert "This reads as a clear answer" in alice_client.get("/").content.decode()


def test_the_writer_stepping_back_is_pointed_to_ending_things_kindly(alice_client):
    entry = log(
        alice_client,
        "Sam asked if we could hang out this weekend. I told her I'm busy, honestly I'm "
        "avoiding her because I want to end things.",
    )
    body = alice_client.get("/").content.decode()
    assert "clear answer" not in body
    assert "It sounds like you're the one stepping back." in html.unescape(body)
    assert f'href="{reverse("guidance-page", args=["pulling-away"])}"' in body
    hint = alice_client.post(
        reverse("patterns-hint"),
        {"text": "I've been pulling away from him. I know I should end it.", "feeling": "-1"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "the one stepping back" in html.unescape(hint) and "clear answer" not in hint
    # Her page offers the drafts for ending things, with her name in, not a clarity ask.
    page = html.unescape(
        alice_client.get(reverse("journal-person", args=[entry.person_id])).content.decode()
    )
    assert "sounds like you're the one stepping back" in page
    assert f'{reverse("guidance-messages")}?name=Sam"' in page
    assert "for clarity, once" not in page


def test_a_clear_answer_beside_a_sign_is_not_called_clarity(alice_client):
    # Late-night only, with a "no" in passing: the sign stands, no reassurance under it.
    entry = log(
        alice_client,
        "Only texts me at 2am 'u up'. Says he's not looking for anything serious but keeps "
        "texting.",
    )
    assert stored(entry)
    assert "clear answer" not in alice_client.get("/").content.decode()


def test_a_sign_whose_name_has_quotes_is_not_quoted_twice(alice_client):
    log(alice_client, CASES["busy_excuses"][0][0])
    body = html.unescape(alice_client.get("/").content.decode())
    assert "About “Busy” as a cover</a>" in body
    assert '“"Busy"' not in body

"""Ask for clarity, once: suggest, copy, log as asked, and see what came back."""

import html
import re
from datetime import timedelta
from uuid import uuid4

from django.urls import reverse
from django.utils import timezone

from guidance.drafts import CLARITY_QUESTIONS
from journal.models import Interaction, Person


def url(person) -> str:
    return reverse("guidance-clarity", args=[person.pk])


def local(minutes_ago: int) -> str:
    return (timezone.localtime() - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M")


def asked(**overrides) -> dict:
    data = {
        "token": str(uuid4()),
        "occurred_at": local(120),
        "channel": "text",
        "feeling": "0",
        "chosen": "2",
        **{f"question_{i}": q.format(name="Sam") for i, q in enumerate(CLARITY_QUESTIONS, 1)},
    }
    data.update(overrides)
    return data


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_person_page_links_to_the_clarity_flow(alice_client, sam):
    body = alice_client.get(reverse("journal-person", args=[sam.pk])).content.decode()
    assert f'href="{url(sam)}"' in body
    assert "Ask Sam for clarity, once" in body


def test_it_suggests_questions_with_the_name_filled_in(alice_client, sam):
    response = alice_client.get(url(sam))
    assert response.status_code == 200
    body = text_of(response)
    for question in CLARITY_QUESTIONS:
        assert question.format(name="Sam") in body
    assert "{name}" not in body
    assert "Nothing is sent from here" in body
    assert "not therapy" in body


def test_each_question_is_an_editable_labelled_box_with_a_copy_button(alice_client, sam):
    body = alice_client.get(url(sam)).content.decode()
    boxes = re.findall(r'<textarea id="([^"]+)" name="([^"]+)"', body)
    assert len(boxes) == len(CLARITY_QUESTIONS)
    for number, (box, _) in enumerate(boxes, 1):
        assert f'<label for="{box}">Way {number}</label>' in body
        assert f'<button type="button" data-copy="{box}" aria-label="Copy way {number}">' in body


def test_no_way_is_ticked_as_the_one_sent_until_the_person_ticks_it(alice_client, sam):
    body = alice_client.get(url(sam)).content.decode()
    radios = re.findall(r'<input type="radio" name="chosen"[^>]*>', body)
    assert len(radios) == len(CLARITY_QUESTIONS)
    assert not [radio for radio in radios if "checked" in radio]


def test_i_asked_without_a_ticked_way_asks_which_and_keeps_the_edits(alice_client, sam):
    data = asked(question_3="My own words?")
    del data["chosen"]
    response = alice_client.post(url(sam), data)
    assert response.status_code == 200
    assert Interaction.objects.count() == 0
    body = text_of(response)
    assert "Tick the way you sent" in body
    assert "My own words?" in body
    assert not re.search(r'<input type="radio" name="chosen"[^>]*checked', body)


def test_no_ticked_way_and_no_feeling_are_both_said_at_once(alice_client, sam):
    data = asked(feeling="")
    del data["chosen"]
    body = text_of(alice_client.post(url(sam), data))
    assert "Tick the way you sent" in body and "Say how it felt" in body
    assert Interaction.objects.count() == 0
    # The page comes back with the focus on the errors, and no box cuts a paste short.
    assert re.search(r'<div class="form-errors" role="alert" tabindex="-1" autofocus>', body)
    assert "maxlength" not in body.split('class="draft-list"')[1]


def test_a_ticked_way_stays_ticked_when_the_form_comes_back(alice_client, sam):
    response = alice_client.post(url(sam), asked(feeling="", chosen="3"))
    checked = re.findall(
        r'<input type="radio" name="chosen" value="(\d)" checked>', text_of(response)
    )
    assert checked == ["3"]


def test_the_log_fields_default_to_a_text_and_a_neutral_feeling(alice_client, sam):
    body = alice_client.get(url(sam)).content.decode()
    assert re.search(r'<option value="text" selected>', body)
    assert re.search(r'<input type="radio" name="feeling" value="0"[^>]*checked', body)
    assert 'type="submit" class="primary">I asked</button>' in body


def test_i_asked_logs_the_chosen_question_as_a_clarity_ask(alice_client, alice, sam):
    edited = "Sam, I'd love to know where you see us going. Either answer is okay."
    response = alice_client.post(url(sam), asked(question_2=edited, channel="in_person"))
    assert response.status_code == 302
    assert response["Location"] == reverse("journal-person", args=[sam.pk])
    entry = Interaction.objects.get()
    assert (entry.user, entry.person, entry.text) == (alice, sam, edited)
    assert entry.asked_clarity is True
    assert entry.channel == "in_person"
    assert entry.initiated_by == "me"
    assert entry.feeling == 0
    page = text_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "Logged that you asked Sam" in page
    assert "asked for clarity" in page
    assert "You asked for clarity on" in page


def test_the_ask_is_classified_like_any_logged_entry(alice_client, sam):
    text = "Asked where we stand. He said 'lol why so serious' and changed the subject"
    alice_client.post(url(sam), asked(question_1=text, chosen="1"))
    entry = Interaction.objects.get()
    assert entry.asked_clarity
    assert "joked_off" in {c.category for c in entry.categories.filter(active=True)}


def test_a_double_post_stores_one_ask(alice_client, sam):
    data = asked()
    alice_client.post(url(sam), data)
    alice_client.post(url(sam), data)
    assert Interaction.objects.count() == 1


def test_feeling_is_required_and_stays_in_range(alice_client, sam):
    response = alice_client.post(url(sam), asked(feeling="7"))
    assert response.status_code == 200
    assert Interaction.objects.count() == 0
    assert "Select a valid choice. 7 is not one of the available choices." in text_of(response)
    response = alice_client.post(url(sam), asked(feeling=""))
    assert "Say how it felt, from -3 to +3." in text_of(response)
    assert Interaction.objects.count() == 0


def test_an_empty_question_is_not_logged_and_the_edits_are_kept(alice_client, sam):
    response = alice_client.post(url(sam), asked(question_2="   ", question_3="My own words?"))
    assert response.status_code == 200
    assert Interaction.objects.count() == 0
    body = text_of(response)
    assert "The question you picked is empty" in body
    assert "My own words?" in body


def test_it_ignores_a_person_smuggled_into_the_post(alice_client, alice, sam):
    other = Person.objects.create(user=alice, name="Robin")
    alice_client.post(url(sam), asked(person=str(other.pk), new_person="Someone New"))
    assert Interaction.objects.get().person == sam
    assert not Person.objects.filter(name="Someone New").exists()


def test_it_reminds_that_once_is_enough(alice_client, sam):
    alice_client.post(url(sam), asked())
    body = text_of(alice_client.get(url(sam)))
    assert "You already asked Sam on" in body


def test_an_outsider_gets_404_on_the_page_and_the_post(bob_client, sam):
    assert bob_client.get(url(sam)).status_code == 404
    assert bob_client.post(url(sam), asked()).status_code == 404
    assert Interaction.objects.count() == 0


def test_a_visitor_is_asked_to_log_in(client, sam):
    response = client.get(url(sam))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.post(url(sam), asked())
    assert Interaction.objects.count() == 0


def log_reply(client, text: str, minutes_ago: int, feeling: str = "-2"):
    return client.post(
        reverse("journal-entry-create"),
        {
            "new_person": "Sam",
            "occurred_at": local(minutes_ago),
            "channel": "text",
            "initiated_by": "them",
            "text": text,
            "feeling": feeling,
            "token": str(uuid4()),
        },
    )


def test_after_a_deflecting_reply_the_person_page_says_it_is_an_answer_too(alice_client, sam):
    alice_client.post(url(sam), asked(occurred_at=local(180)))
    response = log_reply(
        alice_client,
        "Asked where we stand. He said 'lol why so serious' and changed the subject",
        60,
    )
    assert response.status_code == 302
    page = alice_client.get(reverse("journal-person", args=[sam.pk]))
    body = text_of(page)
    assert "After you asked for clarity, the reply dodged it. That is an answer too." in body
    sentence = re.search(r"<p>After you asked for clarity.*?</p>", body, re.S)[0]
    assert reverse("guidance-page", args=["ask-for-clarity"]) in sentence


def test_it_counts_the_dodges_among_the_next_replies(alice_client, sam):
    alice_client.post(url(sam), asked(occurred_at=local(240)))
    log_reply(
        alice_client, "He replied the next morning, kind and long, asked about my day.", 180, "1"
    )
    log_reply(
        alice_client,
        "Asked again where we stand. He said 'lol why so serious' and changed the subject.",
        60,
    )
    body = text_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "1 of the next 2 replies dodged it. That is an answer too." in body


def test_after_a_warm_clear_reply_it_says_there_was_no_dodging(alice_client, sam):
    alice_client.post(url(sam), asked(occurred_at=local(180)))
    log_reply(
        alice_client,
        "He called me back right away. Said he wants this too and booked dinner for Friday.",
        60,
        feeling="3",
    )
    body = text_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "That is an answer too." not in body
    assert "what came back didn't dodge the question" in body


def test_archived_people_get_no_ask_link(alice_client, sam):
    sam.archived = True
    sam.save()
    body = alice_client.get(reverse("journal-person", args=[sam.pk])).content.decode()
    assert url(sam) not in body


def test_the_clarity_page_takes_a_fixed_number_of_queries(
    alice_client, sam, django_assert_max_num_queries
):
    for _ in range(3):
        alice_client.post(url(sam), asked())
    alice_client.get(url(sam))  # the first visit after logging in also stamps the session
    with django_assert_max_num_queries(5):  # session, user, person, last ask, data key
        alice_client.get(url(sam))

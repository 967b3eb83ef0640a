"""Direct tests of the pure classifier (no Django, no database)."""

from datetime import datetime
from pathlib import Path

import pytest

from patterns.classifier import (
    THRESHOLD,
    Facts,
    Verdict,
    by_rules,
    classify,
    clear_answer,
    pulling_away,
    read_entry,
)
from patterns.classifier.categories import BY_SLUG, CATEGORIES, SLUGS
from tests.data.evaluate import evaluate

DATA = Path(__file__).parent / "data"
DEV_SET = DATA / "dev_set.jsonl"


def labels(text: str, **facts) -> set[str]:
    """What the rules find. The learned layer over them has its own tests
    (tests/test_learned.py), with its scores on sets it never saw."""
    entry = read_entry(text, Facts(**facts))
    return {slug for slug, v in by_rules(entry, None).items() if v.label}


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 14, hour, minute)


# One list per category: (text, facts) that should get the label, then clean look-alikes.
POSITIVE = {
    "one_word_replies": [
        ("Wrote Ana a long message about my dad's diagnosis and how frightened I am. 'ok'", {}),
        ("Poured my heart out to Joe about the divorce. He put a thumbs up on it.", {}),
        (
            "Sent Kim three paragraphs about why I'm thinking of leaving my job. She said 'nice'.",
            {},
        ),
        ("Long update about my week and the anxiety stuff.", {"reply": "one_word"}),
    ],
    "busy_excuses": [
        ("Two weeks of nothing from Liam, then 'sorry, swamped!!'. No question back.", {}),
        ("Ella cancelled our dinner: 'crazy week'. She was tagged at a bar that night.", {}),
        ("Mum's been 'too busy' to call for a month. My aunt says she's at bingo daily.", {}),
    ],
    "avoided_plans": [
        ("Asked Rui to the lake on Saturday. 'Let's play it by ear!' Never heard back.", {}),
        ("Our lunch got pushed again, the third time. Now it's 'maybe sometime in May'.", {}),
        ("Invited Zoe to my gig. 'I'll let you know!' The gig was last night.", {}),
        ("Floated a weekend away.", {"plan_outcome": "vague"}),
    ],
    "left_on_read": [
        ("Seen 11:02. It's 10pm. He's been posting stories all afternoon.", {}),
        ("She left me on read again, third time this week.", {}),
        ("Asked about the rent.", {"reply": "seen_no_reply", "reply_delay_hours": 30}),
        ("Blue ticks since Monday. She's been online in the group chat all day.", {}),
    ],
    "late_night_only": [
        ("'u up?' from Cal. First message in a week.", {"occurred_at": at(1, 40)}),
        ("Jake only ever texts me after midnight, never during the day.", {}),
        ("11:50pm: 'bored, wyd'. Not a word from him all day.", {}),
    ],
    "joked_off": [
        ("Told Sam I've been having panic attacks. 'lol relax' and a meme.", {}),
        ("Asked him where this is going. He laughed and changed the subject to football.", {}),
        ("I said I'm worried about her drinking. She said 'ok mum 😂' and moved on.", {}),
    ],
    "hot_and_cold": [
        ("Friday he said he'd never felt like this. Today: dry texts, no questions.", {}),
        ("She's so hot and cold, I can't keep up.", {}),
        ("Last week he held my hand all evening. This week he walked past me without a word.", {}),
    ],
}

CLEAN = {
    "one_word_replies": [
        ("Asked Tom where he was. 'omw'", {"reply": "one_word"}),
        ("Sent Jo the address. '👍'", {}),
        ("Long message to Ade about my week. He wrote 'ok! call me tonight?' and we talked.", {}),
    ],
    "busy_excuses": [
        ("Kai said his shift moved and asked if Sunday at 4 works. Sunday at 4, there he was.", {}),
        ("Rhi's swamped with the move but still rings every night.", {}),
        ("I was swamped at work so I cancelled the gym.", {}),
    ],
    "avoided_plans": [
        ("Dev moved our coffee to Friday at 3 because of a dentist visit. Friday was lovely.", {}),
        ("Asked Mo to the cinema. 'Yes! Thursday?' We went Thursday.", {}),
        ("We rescheduled once and met on the 9th as planned.", {"plan_outcome": "kept"}),
    ],
    "left_on_read": [
        ("She didn't leave me on read this time, answered in ten minutes.", {}),
        ("He said he'd be offline on a hike; replied next morning with a long message.", {}),
        (
            "Priya answered a day late: 'so sorry, phone died! tell me everything' and we talked.",
            {},
        ),
    ],
    "late_night_only": [
        ("Video call at 11pm because she's in Tokyo for work. We booked it on Monday.", {}),
        ("Chatted with Ari till 1am about the election. We text all day anyway.", {}),
        ("Had dinner with Ben.", {"occurred_at": at(23, 30), "initiated_by": "them"}),
    ],
    "joked_off": [
        ("Jonah and I traded terrible puns about his sourdough all night. Cried laughing.", {}),
        ("Told Jo about my anxiety; she didn't joke or brush it off, she just listened.", {}),
        ("Made a joke about my haircut and Nia joined in. Silly and light.", {}),
    ],
    "hot_and_cold": [
        ("Alex is exactly as keen as on our first date. Steady, kind, consistent.", {}),
        ("Not hot and cold at all: Dan texts every day and plans things.", {}),
        ("Cold and rainy all week; cosy film night with Sue on Saturday.", {}),
    ],
}


def _cases(table: dict) -> list:
    return [
        pytest.param(slug, text, facts, id=f"{slug}-{i}")
        for slug, cases in table.items()
        for i, (text, facts) in enumerate(cases)
    ]


@pytest.mark.parametrize(("slug", "text", "facts"), _cases(POSITIVE))
def test_it_finds_the_category(slug, text, facts):
    verdict = by_rules(read_entry(text, Facts(**facts)), None)[slug]
    assert verdict.label
    assert verdict.reasons  # a positive label always says why


@pytest.mark.parametrize(("slug", "text", "facts"), _cases(CLEAN))
def test_it_leaves_the_look_alike_clean(slug, text, facts):
    assert not by_rules(read_entry(text, Facts(**facts)), None)[slug].label


# Situations the first rules missed on fresh entries: the structure, not the exact words.
# (slug, text, facts) that should get the label ...
SITUATIONS = {
    "one_word_replies": [
        ("Typed out to Rob how scared I am about the redundancy talks. His answer: ok.", {}),
        ("Long email to my aunt about Dad's last weeks in the hospice. She replied: Thanks.", {}),
        ("Spent all evening writing to Mo about the miscarriage. He sent a 👍🏽.", {}),
        ("Three pages to my brother about why I'm leaving the church. His reply: 'fair play'.", {}),
    ],
    "busy_excuses": [
        ("Too busy to ring me all month, apparently. 11:30pm: 'bored, you up?'", {}),
        ("'Work's been brutal' is all Ana ever says now. We used to talk daily.", {}),
        ("Dan's too swamped to help with Mum's move. Just booked a weekend in Lisbon though.", {}),
    ],
    "avoided_plans": [
        ("Suggested a walk on Sunday. She went straight on about her boss instead.", {}),
        ("'I'll let you know!' about the party. Haven't heard a thing since.", {}),
        ("Priya never once has named a day for the dinner she keeps promising.", {}),
        ("Nadia never confirmed Saturday. I was dressed and waiting at 8.", {}),
    ],
    "left_on_read": [
        ("Lee has been live on Twitch all afternoon. My message about the bills: untouched.", {}),
        ("My question from this morning just sits there while she posts story after story.", {}),
        ("No reply since Monday, but he's watched every one of my stories.", {}),
        ("Sent Kat the invite at 9am. 6pm now. She's been chatting in the team group all day.", {}),
    ],
    "late_night_only": [
        ("Two weeks of silence, then 2:40am: thinking about u.", {}),
        ("only ever gets in touch at 1130pm. daytime = dead air", {}),
        ("Ignored my lunchtime text, then at 1am: 'hey you 😘'.", {}),
        # the hour told in words, and "texted me" quoting them, not the writer
        ("texted me 'u up' at 2:30 this morning, nothing since", {}),
        ("Got 'you awake?' from Cal at half one last night. Not a peep all week.", {}),
    ],
    "joked_off": [
        ("Asked if we're exclusive. She said 'exclusive like a club?' and put the telly on.", {}),
        ("I said I'm angry about the wedding. 'Angry? You? Never.' Then on to which pub.", {}),
        ("Told him I love him. He said 'bold move' and asked what's for dinner.", {}),
        ("Asked where this is going. He said 'to the shops, want anything?'", {}),
    ],
    "hot_and_cold": [
        ("Thursday he was texting me good morning and good night. Since Sunday: one-liners.", {}),
        ("Last week she couldn't wait to introduce me to her friends. Now she sounds bored.", {}),
        ("Yesterday: voice notes and hearts everywhere. Today: k.", {}),
        ("At the party he danced with me all night. Monday he blanked me at work.", {}),
    ],
}

# ... and look-alikes that should not.
SITUATIONS_CLEAN = {
    "one_word_replies": [
        ("She sent me a long message about her breakup and I just said 'ok'. I feel bad.", {}),
        ("Long message to Jo about the move. She wrote 'I'm coming over' and did.", {}),
        ("Kim poured her heart out to me and I only managed 'that's rough'.", {}),
    ],
    "busy_excuses": [
        (
            "I was swamped so I cancelled on Ash. We rebooked Thursday at 7 and had a lovely night.",
            {},
        ),
        ("Ned's swamped this month but still rings every lunchtime.", {}),
        ("Nina's been swamped with her thesis but offered Wednesday lunch, and we had it.", {}),
    ],
    "avoided_plans": [
        ("Suggested dinner Friday. 'Yes! 7?' We went, it was lovely.", {}),
        ("'We'll see' about the trip until he checked his leave. Then he said yes. Booked.", {}),
        ("I'm the one who keeps cancelling on Hamid. He's been patient.", {}),
    ],
    "left_on_read": [
        ("I was the one who left Hannah on read for two days. Apologised today.", {}),
        (
            "My question sat for a day: Dad hadn't opened WhatsApp. He rang as soon as he saw it.",
            {},
        ),
        ("She's online, but she said she'd answer after her shift, and she rang at 7.", {}),
    ],
    "late_night_only": [
        ("Marie is in Vancouver, so our calls are always at 11pm my time.", {}),
        ("Late call with Dad at 1:20 because his flight was delayed; he'd warned me.", {}),
        ("He DMs at 1am sometimes, but we text all day anyway.", {}),
        ("Jo texted me 'are you up for a run?' at 7 this morning. Lovely 5k by the canal.", {}),
    ],
    "joked_off": [
        ("She made a little joke to break the tension, then asked loads of questions.", {}),
        ("He asked where we're going and I made a joke about it. My bad.", {}),
        ("Told her about my anxiety. She said 'that sounds hard, do you want to talk?'", {}),
    ],
    "hot_and_cold": [
        ("He used to blow hot and cold, but the last two months have been steady and kind.", {}),
        ("Tess was flirty on Saturday and still flirty today. No whiplash here.", {}),
        ("After a year of mixed signals we talked it out. Calm and consistent for months now.", {}),
    ],
}


@pytest.mark.parametrize(("slug", "text", "facts"), _cases(SITUATIONS))
def test_it_finds_the_category_in_new_words(slug, text, facts):
    verdict = by_rules(read_entry(text, Facts(**facts)), None)[slug]
    assert verdict.label
    assert verdict.reasons


@pytest.mark.parametrize(("slug", "text", "facts"), _cases(SITUATIONS_CLEAN))
def test_it_leaves_the_new_look_alike_clean(slug, text, facts):
    assert not by_rules(read_entry(text, Facts(**facts)), None)[slug].label


def test_a_bare_answer_after_a_colon_is_their_answer():
    assert "one_word_replies" in labels("Wrote Sam a long message about the funeral. Sam: k.")
    assert labels("Wrote the shopping list. Note: milk.") == set()


def test_the_writers_own_short_reply_is_not_theirs():
    text = "Jo wrote me three paragraphs about her week and I replied 'cool'."
    assert "one_word_replies" not in labels(text)


def test_reasons_are_the_same_on_every_run():
    text = "Seen at 9:41. He's typing in the group chat, not a word to me."
    first = classify(text)["left_on_read"].reasons
    assert first and all(classify(text)["left_on_read"].reasons == first for _ in range(3))


@pytest.mark.parametrize(
    "text",
    [
        "After our third date Mia told me, kindly, that she isn't feeling a connection. Clear.",
        "Leo said gently that he doesn't feel that way. Sad, but clear, and I'm grateful.",
        "asked my daughter if she got home safe. 'yep x'",
        "Sunday lunch with Gran, she asked all about the garden. Lovely.",
    ],
)
def test_a_clear_answer_or_an_ordinary_day_gets_no_label(text):
    assert labels(text) == set()


def test_negation_cancels_the_phrase():
    assert "left_on_read" in labels("He left me on read for two days.")
    assert "left_on_read" not in labels("He didn't leave me on read this time.")


def test_a_kept_reschedule_is_not_avoidance():
    text = "He was late but apologised and we rebooked for Sunday, which happened."
    assert labels(text) == set()


def test_a_late_hour_alone_is_not_late_night_only():
    quiet = Facts(occurred_at=at(23, 45), initiated_by="them")
    assert not classify("Talked about the match.", quiet)["late_night_only"].label
    assert classify("'u up?'", quiet)["late_night_only"].label


def test_an_announced_absence_is_not_left_on_read():
    facts = Facts(reply="engaged", reply_delay_hours=48)
    text = "Dad took two days to answer; he'd told me he'd be at the cabin with no signal."
    assert not classify(text, facts)["left_on_read"].label


def test_it_always_answers_all_seven_in_order():
    verdicts = classify("")
    assert tuple(verdicts) == SLUGS
    assert all(isinstance(v, Verdict) and v.score == 0 and not v.label for v in verdicts.values())


def test_scores_are_rounded_and_match_labels():
    for verdict in classify("Seen 3pm. Nothing since, and he's online.").values():
        assert 0 <= verdict.score <= 1
        assert verdict.score == round(verdict.score, 2)
        assert verdict.label == (verdict.score >= THRESHOLD)


def test_reasons_quote_what_was_found():
    verdict = classify("Asked about Saturday. 'let's play it by ear'. Nothing since.")
    assert any("play it by ear" in reason for reason in verdict["avoided_plans"].reasons)


@pytest.mark.parametrize(
    ("text", "slug", "feeling"),
    [
        ("told him i missed him, got a thumbs up", "one_word_replies", -2),
        ("She said she'll let me know about Friday. It's Sunday now, nothing.", "avoided_plans", 0),
        ("Asked her how she felt about us; she sent a laughing emoji.", "joked_off", 0),
    ],
)
def test_short_wordings_a_new_user_wrote(text, slug, feeling):
    assert labels(text, feeling=feeling) == {slug}


def test_a_vague_push_to_next_week_for_a_mental_week_is_busy_and_avoided():
    text = (
        "asked jay if we could get food thursday, he said defo!! then wed night he goes "
        "'ah this week is mental can we do next week instead'"
    )
    assert labels(text, plan_outcome="rescheduled") == {"busy_excuses", "avoided_plans"}
    assert labels("Can we do next week instead? Tuesday at 7 works. We went, lovely.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Felt a bit dizzy after the gym, so Sam came round with soup.",
        "it turned really cold so we got hot chocolate",
        "Week one of the new job for Sam. Week two he's settled.",
        "Her dog loves me! Lovely walk.",
        "No calls in the evening now he's on nights.",
        "Jo missed her bus lol",
        "Asked how he feels about this weekend's plan and he made a joke about the weather.",
        "the pool's only free after 11pm so we went Sunday morning",
        "Watched episodes 1 to 4 last night. Nothing all day today, we're both busy.",
        "He'll let me know about the gig by Friday. It's Monday, no rush.",
    ],
)
def test_everyday_sentences_near_the_new_wordings_stay_clean(text):
    assert labels(text) == set()


def test_a_quick_seen_is_not_left_on_read():
    assert labels("Asked about the rent.", reply="seen_no_reply", reply_delay_hours=0.5) == set()


def test_reasons_say_only_what_the_entry_says():
    found = classify("My message shows as read since Tuesday. Nothing.")["left_on_read"].reasons
    assert found[0] == "shows as read"  # not "shows as read (“shows as read”)"
    found = classify("told him i missed him, got a thumbs up")["one_word_replies"].reasons
    assert "long" not in found[0]  # it was personal, not long
    text = "Sam replied: 'sorry, been so busy! we should hang sometime'. No date."
    found = classify(text)["avoided_plans"].reasons
    assert not any(reason.startswith("and ") for reason in found)
    assert labels("He'll let me know about the gig by Friday. It's Wednesday, so fine.") == set()


def test_categories_match_the_taxonomy():
    assert SLUGS == (
        "one_word_replies",
        "busy_excuses",
        "avoided_plans",
        "left_on_read",
        "late_night_only",
        "joked_off",
        "hot_and_cold",
    )
    assert BY_SLUG["busy_excuses"].label == '"Busy" as a cover'
    assert all(c.summary.endswith(".") for c in CATEGORIES)


def test_facts_from_dict_parses_good_values():
    facts = Facts.from_dict(
        {"reply": "seen_no_reply", "reply_delay_hours": 26, "feeling": -2},
        occurred_at="2026-02-06T01:47:00+05:00",
    )
    assert facts.occurred_at == datetime(2026, 2, 6, 1, 47)  # wall-clock time kept
    assert facts.reply_delay_hours == 26.0
    assert Facts.from_dict(None) == Facts()


@pytest.mark.parametrize(
    ("facts", "occurred_at", "message"),
    [
        ({"reply": "maybe"}, None, "reply must be one of"),
        ({"channel": "pigeon"}, None, "channel must be one of"),
        ({"feeling": 5}, None, "feeling must be"),
        ({"feeling": "bad"}, None, "feeling must be"),
        ({"reply_delay_hours": -1}, None, "cannot be negative"),
        ({"reply_delay_hours": "soon"}, None, "reply_delay_hours must be"),
        ({"mood": "sad"}, None, "unknown fact 'mood'"),
        ([], None, "facts must be a JSON object"),
        ({}, "yesterday", "occurred_at"),
        ({}, "2026-01-09", "occurred_at"),
        ({}, 20260109, "occurred_at"),
    ],
)
def test_facts_from_dict_rejects_bad_values(facts, occurred_at, message):
    with pytest.raises(ValueError, match=message):
        Facts.from_dict(facts, occurred_at=occurred_at)


def test_the_dev_set_stays_good():
    report = evaluate(DEV_SET)
    assert report.macro_f1 >= 0.85
    assert report.false_alarm_rate <= 0.05


@pytest.mark.parametrize("name", ["holdout_a.jsonl", "holdout_b.jsonl", "holdout_c.jsonl"])
def test_the_holdout_sets_stay_good(name):
    # Written blind; the rules have since been fixed for what they showed, so these guard
    # against regressions and are no longer a measure of generalisation.
    report = evaluate(DATA / name)
    assert report.macro_f1 >= 0.90
    assert report.false_alarm_rate <= 0.05


@pytest.mark.parametrize(
    "text",
    [
        "Every time I mention meeting her friends she changes the subject.",
        "Asked when we can meet. It's always after this sprint.",
        "Suggested the lake on Saturday. 'After my deadline, promise' and that was a month ago.",
    ],
)
def test_a_plan_deferred_to_after_work_or_dodged_by_topic_is_avoided(text):
    assert "avoided_plans" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I mentioned my sister is visiting; he asked about her job. Nice chat.",
        "After this sprint she's free, so we booked Saturday the 14th at 7 and went.",
        "I mentioned the concert and she bought two tickets for Friday on the spot.",
    ],
)
def test_a_mention_or_a_kept_plan_after_work_is_not_avoided(text):
    assert "avoided_plans" not in labels(text)


def test_the_second_dev_set_stays_good():
    # Tuned on: a regression guard, not a measure of generalisation (holdout_e is that).
    report = evaluate(DATA / "dev_set_2.jsonl")
    assert report.macro_f1 >= 0.95
    assert report.false_alarm_rate <= 0.03


def test_the_third_dev_set_stays_good():
    # Tuned on too (0.650 before): it guards the joked-off and hot-and-cold wordings.
    report = evaluate(DATA / "dev_set_3.jsonl")
    assert report.macro_f1 >= 0.80
    assert report.false_alarm_rate <= 0.02


def test_the_fourth_dev_set_stays_good():
    # Tuned on (0.808 before): late hours told in words, swings told in new ways.
    report = evaluate(DATA / "dev_set_4.jsonl")
    assert report.macro_f1 >= 0.87
    assert report.false_alarm_rate <= 0.02


def test_the_fifth_dev_set_stays_good():
    # Tuned on (0.771 before): swings told cold-then-warm, laughs and emoji as answers.
    report = evaluate(DATA / "dev_set_5.jsonl")
    assert report.macro_f1 >= 0.90
    assert report.false_alarm_rate <= 0.02


@pytest.mark.parametrize(
    "text",
    [
        "Asked Femi about the beach day. 'Depends how work goes' and I never heard more.",
        "Every time I bring up the cinema Kit says 'inshallah'. Months of this.",
        "We were meant to FaceTime Friday. Then it was Saturday. Then 'let's not force it'.",
        "Priya has 'tentatively' said yes to brunch three times and dropped each one on the day.",
        "Rosa said she'd ring 'sometime this week'. She didn't.",
    ],
)
def test_a_plan_left_to_depends_inshallah_or_tentatively_is_avoided(text):
    assert "avoided_plans" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Femi said it depends how work goes, then texted an hour later: Saturday at 2. We went.",
        "We FaceTimed on Friday like we said, two hours, lovely.",
        "Rosa rang on Sunday as she'd promised.",
    ],
)
def test_a_plan_that_was_pinned_down_is_not_avoided(text):
    assert "avoided_plans" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hadn't heard from Tayo in a month. Then: 'life got in the way, sorry'. Nothing else.",
        "Jo cancelled our walk, 'loads on at the moment'. No other day.",
        "Sam's been 'super tied up' so hasn't called. His Strava shows a 50k ride on Sunday.",
    ],
)
def test_busy_in_other_words_is_a_busy_excuse(text):
    assert "busy_excuses" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tayo got back to me straight away, no time wasted, and we're meeting Thursday at 6.",
        "Answered a day later with a long message, like no time had passed, full of questions.",
    ],
)
def test_no_time_that_is_not_an_excuse_is_clean(text):
    assert "busy_excuses" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Told Dev I think I'm not coping at work. He said 'at least you have a job' and grinned.",
        "Asked Lina if we could make it official. 'Official what, a club?' then she changed the "
        "subject.",
        "Asked him if he's seeing other people. 'Only in my dreams' and a gif.",
        "Said I felt last on her list. She carried on about her new flat.",
    ],
)
def test_a_serious_topic_met_without_a_laugh_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Told Dev I'm not coping at work. He listened, then asked what I needed from him.",
        "Asked Lina if we could make it official. She said yes, she'd been hoping I'd ask.",
    ],
)
def test_a_serious_topic_taken_seriously_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wrote Kai a long message about my mum's operation. He replied 'interesting'.",
        "Long heartfelt text to Ola about the miscarriage. She sent 'mhm'. That's all.",
        "Poured my heart out to Jen about the move. She left a 'sure' lol",
    ],
)
def test_a_minimal_answer_in_other_words_is_a_one_word_reply(text):
    assert "one_word_replies" in labels(text)


def test_a_reaction_that_goes_on_to_a_proper_message_is_not_a_one_word_reply():
    text = "Told Ada about my results; she sent a heart and then a long message about them."
    assert "one_word_replies" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Perfect weekend together in Rome, hand holding everywhere. Back home he's cold and "
        "distant.",
        "On our first date she said she'd never clicked with anyone so fast. Second date she was "
        "on her phone the whole time.",
    ],
)
def test_warm_then_distant_in_one_entry_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


def test_a_steady_person_said_to_blow_hot_and_cold_is_clean():
    text = "People warned me she'd blow hot and cold; she's been nothing but steady."
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asked him what are we. He said 'hahah idk'.",
        "Finally got the courage to tell Sam I like her. She said 'stop it 🤡'.",
        "Asked her why she keeps cancelling. 'Because I'm a terrible person obviously 😅'.",
        "Asked if he's still on the apps. He said 'only Candy Crush, officer'. Didn't answer.",
    ],
)
def test_a_laugh_however_typed_or_a_non_answer_after_a_hard_question_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asked Olu where he sees us going. He laughed, then said 'honestly? I want us to be "
        "exclusive.'",
        "Raised the rent split; he cracked one joke, then we sat down and sorted it.",
    ],
)
def test_a_laugh_followed_by_a_real_answer_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ravi's either messaging me 50 times a day or not at all, no in between.",
        "One date she's holding my hand, the next she's checking her watch.",
        "He talked about me meeting his mum at Easter. Now he walks past me like I'm nobody.",
    ],
)
def test_the_swing_in_other_words_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mika went from barely knowing me to being one of my closest friends. So grateful.",
        "Long chat, I finally said I'm falling for him. A silence, then he said he felt the same.",
    ],
)
def test_warming_up_or_the_writers_own_warmth_is_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Priya blanked me at the gym for a fortnight. Then out of the blue tonight she's texting me good morning gorgeous.",
        "He barely spoke to me all weekend. Suddenly on Monday he's all over me and planning our holiday.",
    ],
)
def test_distant_then_suddenly_warm_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "He ignored me for a week, then suddenly rang, apologised and said his dad had been in hospital. We talked for hours.",
        "She blanked me all week because of her exams. Then tonight she called and we talked for hours.",
        "I was so bored at work all week, then suddenly Sam texted saying he misses me.",
        "The flat was freezing and cold, so we stayed overnight and he couldn't stop kissing me.",
    ],
)
def test_distance_owned_up_to_or_not_theirs_then_warmth_is_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Nadia: 'you free?' at 23:40. Can't reply to me in the daytime.", {}),
        ("Call from Leo at 1am once his mates went home. He'd not said a word all day.", {}),
        ("Late-night voice notes only. Day time = nothing.", {}),
    ],
)
def test_late_contact_in_other_words_is_late_night_only(text, facts):
    assert "late_night_only" in labels(text, **facts)


@pytest.mark.parametrize(
    "text",
    [
        "Remember when I used to get left on read all the time? Not any more, Theo answers fast.",
        "Sent Ana a question; she read it and answered at 8pm with a long, warm reply.",
    ],
)
def test_left_on_read_told_as_past_or_answered_properly_is_clean(text):
    assert "left_on_read" not in labels(text)


def test_read_at_noon_and_answered_hours_later_with_one_word_is_left_on_read():
    text = "Wrote him a long message about my grief. Read at noon, answered at 9pm with 'oh'."
    assert labels(text) == {"left_on_read", "one_word_replies"}


@pytest.mark.parametrize(
    "text",
    [
        "My friend says her Hinge guy only texts at midnight and cancels last minute.",
        "My sister was complaining her boyfriend leaves her on read for days.",
    ],
)
def test_a_friends_story_about_their_own_partner_gets_no_label(text):
    assert labels(text) == set()


def test_a_friends_report_about_my_person_still_counts():
    text = "My friend says Jay was online all night while my message sat on read."
    assert "left_on_read" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "We went dancing for the first time and laughed all night haha",
        "Visa got approved! We laughed and hugged lol",
        "He had his tests back, all clear! We celebrated haha",
        "She had a tense day at work so we got takeaway and she cracked jokes lol",
        "Went to my GP appointment, he came with me and made jokes to keep me calm lol",
        "Asked her what are we doing tonight. 'haha surprise'",
        "Admitted I ate his chocolate. 'haha you monster'",
        "Straight up asked him if he wanted pizza. 'lol obviously'",
        "She told me about her ex, then we watched a film and laughed lol",
        "Had a rough week; he sent me a silly meme and I laughed for ages.",
    ],
)
def test_ordinary_laughter_around_a_weighty_word_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "There are two people in the photo and one of them is me.",
        "We are two people who love hiking, so we did the same cycle route again.",
        "One evening we cooked, the next we went to the cinema.",
        "Either we go to the beach or nothing, she said, laughing.",
        "Make it make sense: the bus was late again lol",
        "He loves me, he said so. He's gone quiet for a day because of his exams.",
        "He said he really likes me. Then replies were short because he was at work.",
    ],
)
def test_ordinary_sentences_that_look_like_a_swing_are_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)


# A new user's entries the rules first missed, with paraphrases: a broken promise to call
# covered by "crazy week" with no new plan; a drunk 1:30am call after days of silence; a
# worry about us met with "dramatic 😂"; a whole paragraph answered "damn that sucks".
@pytest.mark.parametrize(
    ("slugs", "text", "facts"),
    [
        (
            {"busy_excuses", "avoided_plans"},
            "she said she'd call me after work. she didn't. next morning just 'hey sorry crazy "
            "week' and nothing about rescheduling",
            {},
        ),
        (
            {"busy_excuses", "avoided_plans"},
            "Dan promised he'd ring me Thursday evening. He didn't. Friday: 'sorry, hectic "
            "week!' and no mention of another day.",
            {},
        ),
        (
            {"busy_excuses", "avoided_plans"},
            "Priya was meant to FaceTime me last night, never did. Today 'ugh mad busy, sorry' "
            "and not a word about rearranging.",
            {},
        ),
        (
            {"busy_excuses", "avoided_plans"},
            "Jonah said he'd text me Saturday to sort drinks. He didn't. Sunday: 'sorry, mad "
            "week' and not a word about another day.",
            {},
        ),
        (
            {"late_night_only"},
            "he called me at 1:30am drunk saying he misses me. haven't heard a word from him "
            "during the day in two weeks",
            {"occurred_at": at(1, 30)},
        ),
        (
            {"late_night_only"},
            "he called me at 1:30am drunk saying he misses me. haven't heard a word from him "
            "during the day in two weeks",
            {},
        ),
        (
            {"late_night_only"},
            "3am text from Marco saying he misses me. Haven't heard anything from him in "
            "daylight since we met.",
            {},
        ),
        (
            {"late_night_only"},
            "She drunk-dialled me at midnight again. Hasn't sent a single message during the "
            "day all week.",
            {},
        ),
        (
            {"late_night_only"},
            "Tom rang me drunk at 2am to say he misses me. During the day? Nothing, not a peep.",
            {},
        ),
        (
            {"joked_off"},
            "told her I've been really anxious about us. she replied 'omg you're so dramatic 😂 "
            "anyway did you see the bachelor'",
            {},
        ),
        (
            {"joked_off"},
            "Told him I've been feeling really uneasy lately. He just said 'you're being "
            "dramatic lol'.",
            {},
        ),
        (
            {"joked_off"},
            "I admitted I've been anxious about us lately. Her answer: 'haha chill, did you see "
            "the match?'",
            {},
        ),
        (
            {"joked_off"},
            "Told Mo I've been on edge about us for weeks. 'lmao ok drama queen, pizza tonight?'",
            {},
        ),
        (
            {"one_word_replies"},
            "I told him about my mom's surgery, like a whole paragraph about how scared I've "
            "been all week. he replied 'damn that sucks' and then nothing",
            {},
        ),
        (
            {"one_word_replies"},
            "Sent Jess a long message about losing my job and how lost I feel. 'oof that "
            "sucks' and then silence.",
            {},
        ),
        (
            {"one_word_replies"},
            "Wrote Ben a whole paragraph about my grandad's stroke. He said 'ugh that sucks' "
            "and nothing else.",
            {},
        ),
        (
            {"one_word_replies"},
            "Opened up to Leah about my panic attacks, a proper heartfelt message. She replied "
            "'that sucks' and then crickets.",
            {},
        ),
    ],
)
def test_a_new_users_entries_and_their_paraphrases_get_their_labels(slugs, text, facts):
    assert slugs <= labels(text, **facts)


@pytest.mark.parametrize(
    ("slug", "text"),
    [
        # busy, but a new plan came and held; a promise to call that was kept
        (
            "busy_excuses",
            "crazy week at work but she called me Sunday as promised and we booked dinner",
        ),
        (
            "avoided_plans",
            "crazy week at work but she called me Sunday as promised and we booked dinner",
        ),
        (
            "avoided_plans",
            "Hectic week for both of us, so she called on Saturday instead and we rescheduled "
            "drinks for Tuesday at 7, which happened.",
        ),
        ("busy_excuses", "She said she'd call after work and she did, we talked for an hour."),
        ("busy_excuses", "Mad busy at work, but he still rings every night before bed."),
        # late, but inside steady daytime contact or for a reason
        (
            "late_night_only",
            "we stayed up till 2am talking after our date, he texts me all day too",
        ),
        (
            "late_night_only",
            "He called me at 1am because his flight landed late, we text all day anyway.",
        ),
        (
            "late_night_only",
            "Haven't heard from her during the day because she works nights in A&E; we talk on "
            "her break.",
        ),
        ("late_night_only", "He misses me, he said, when he called at lunch like every day."),
        # the writer's own drama, or a worry taken seriously
        ("joked_off", "I was being dramatic about the film and she laughed 😂"),
        (
            "joked_off",
            "Told her I was anxious about my driving test; she hugged me and helped me practise "
            "all weekend.",
        ),
        (
            "joked_off",
            "I was nervous about the relationship talk but he listened and said he feels the same.",
        ),
        ("joked_off", "We joked about how dramatic the bachelor finale was 😂 so good"),
        # "that sucks", then real engagement
        ("one_word_replies", "he said 'damn that sucks' and then called me for an hour"),
        (
            "one_word_replies",
            "I told him about my mom's surgery, a whole paragraph. He replied 'damn that sucks' "
            "and then called me for an hour.",
        ),
        (
            "one_word_replies",
            "Sent Jo a long message about the rainy hike. 'oof that sucks, next time!' and she "
            "booked the next one.",
        ),
        (
            "one_word_replies",
            "My train was cancelled so I texted him 'ugh that sucks' and he picked me up.",
        ),
    ],
)
def test_the_new_users_look_alikes_stay_clean(slug, text):
    assert slug not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Made pancakes with Mia this morning and we ate them in the garden.",
        "He walked me home after the concert and texted to check I got in okay.",
        "Long phone call with my sister, we laughed about our childhood holidays.",
        "Sam cooked dinner for me after my long day, then we watched a film on the sofa.",
        "Grabbed coffee with Lena at lunch; she asked all about my new job.",
        "Lazy Sunday: farmers market, a nap, and a walk by the river with Jo.",
        "She sent me a photo of a dog that looks exactly like mine, made my day.",
        "We finally booked the trip to Lisbon for June, so excited.",
        "Dad called to say he got my card, we chatted for ages about the garden.",
        "Ali remembered my presentation and texted good luck this morning, then asked how it went.",
        "Board games night at Priya's, I won Catan for once.",
        "He brought me soup when I had a cold and stayed to watch rubbish TV.",
        "We talked about our week over dinner and planned a picnic for Saturday.",
        "Met Chris's friends for the first time at the pub, everyone was lovely.",
    ],
)
def test_an_ordinary_warm_day_gets_no_label(text):
    assert labels(text) == set()


def test_the_writers_own_rough_day_is_not_their_excuse():
    text = "Told him about my rough day at work, he said 'that sucks, want me to come over?'"
    assert "busy_excuses" not in labels(text + " and brought pizza.")


@pytest.mark.parametrize(
    "text",
    [
        "told her I was sad about my grandma and she replied 'lol don't be so dramatic'",
        "Said I'm really down since the job thing. He sent 'haha chin up' and a gif.",
    ],
)
def test_sadness_met_with_a_laugh_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "We were sad the cafe closed, she joked about it lol",
        "I was down to meet at 8 and she said 'haha perfect, see you there'.",
    ],
)
def test_sadness_shared_or_down_for_a_plan_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        (
            "Asked Jordan if we're exclusive. Reply: 'k'.",
            {"reply": "one_word"},
            {"one_word_replies"},
        ),
        (
            "Asked Alex what we actually are. They replied 'lol we're two people who like "
            "burritos' and changed the subject.",
            {},
            {"joked_off"},
        ),
        (
            "Sent Sam a meme and asked how her mum's surgery went. Seen at 12:10, no reply since.",
            {"occurred_at": at(12, 5)},
            {"left_on_read"},
        ),
        (
            "I replied with a proper question about next weekend and got a 👍 and nothing else.",
            {},
            {"one_word_replies"},
        ),
        ("She never suggests another day, only says 'soon!'", {}, {"avoided_plans"}),
        (
            "Saturday plan fell through. Jordan texted an hour before: 'something came up, "
            "sorry'. Didn't say what or suggest another day.",
            {"occurred_at": at(19, 40)},
            {"avoided_plans"},
        ),
        (
            "Our plan fell through because of the rain, so we moved it to Sunday at 2 and she "
            "confirmed.",
            {"occurred_at": at(14)},
            set(),
        ),
    ],
)
def test_what_a_new_user_wrote_gets_the_signs_a_reader_would_give(text, facts, expected):
    # Found by someone trying the app for the first time; none of these were in a set.
    assert labels(text, **facts) == expected


def test_a_reason_quotes_whole_words_and_not_the_writers_own_negated_words():
    found = classify(
        "Jordan liked my story at 2am but still hasn't answered what I asked on Tuesday.",
        Facts(),
    )
    assert "“liked my story”" in " ".join(found["left_on_read"].reasons)
    plan = classify("Plan fell through: 'something came up'. Didn't suggest another day.", Facts())
    assert "another day" not in " ".join(plan["avoided_plans"].reasons)


@pytest.mark.parametrize(
    ("short", "spelled_out"),
    [
        (
            "he said 'haha you're cute' when i asked what we r",
            "he said 'haha you're cute' when I asked what we are",
        ),
        ("asked him abt sat, he said 'maybe' 🙃", "asked him about sat, he said 'maybe' 🙃"),
    ],
)
def test_texting_shorthand_gets_the_signs_of_the_words_spelled_out(short, spelled_out):
    assert labels(short) == labels(spelled_out) != set()


@pytest.mark.parametrize(
    ("text", "clear", "stepping_back"),
    [
        (
            "Alex asked if we could hang out this weekend. I told her I'm busy, honestly I'm avoiding her because I want to end things.",
            0,
            1,
        ),
        ("I'm the one pulling away from her, I want to end it", 0, 1),
        (
            "I've been pulling away from Alex. I know I should end it but I don't know how to say it.",
            0,
            1,
        ),
        ('I finally asked Ben where this is going. He said "I\'m not feeling it, sorry."', 1, 0),
        ("Ben told me he's not feeling it. At least I know now.", 1, 0),
        ("she said she's not into me like that", 1, 0),
        ("Dinner was lovely but I'm not feeling it anymore.", 0, 1),
        ("She said she wants to end things. Kind but clear.", 1, 0),
        ("He's not feeling well so we moved dinner to Friday.", 0, 0),
        ("Not feeling it today, stayed in. He texted 'hope you feel better'.", 0, 0),
        ("I said 'I'm not feeling it' and he kept pushing.", 0, 1),
        ("I don't want to end things.", 0, 0),
        ("I didn't want to end it, but here we are.", 0, 0),
        ("Honestly? I don't want to stop this.", 0, 0),
        ("I worry he's not into me like that.", 0, 0),
        ("What if he's not into me like that?", 0, 0),
        ("I've decided to end things.", 0, 1),
        ("I'm going to end it.", 0, 1),
        ("I'm ready to end things.", 0, 1),
        ("I need to break it off with him.", 0, 1),
        ("I need to finish this essay tonight.", 0, 0),
        ("I have to stop this habit of checking his stories.", 0, 0),
        ("I was drifting off to sleep when he texted.", 0, 0),
        ("I was backing off the driveway when she rang.", 0, 0),
        ("I'm stepping back from work for a bit.", 0, 0),
        ("I'm not interested in anyone else, only him.", 0, 0),
        ("I've lost interest in everything since mum died.", 0, 0),
        ("I don't feel the same about my job anymore.", 0, 0),
        ("I'm not feeling it today, too tired to go out.", 0, 0),
        ("I don't think I want to end things.", 0, 0),
        ("I'm not sure I want to end it.", 0, 0),
        ("Do I want to end things? I honestly don't know.", 0, 0),
        ("I decided to end it last year and we're back together now.", 0, 0),
        ("I was pulling away, then he apologised and it's fine now.", 0, 0),
        ("He thinks I'm pulling away but I'm not.", 0, 0),
        ("He asked if I'm pulling away. I'm not!", 0, 0),
        ("He's not feeling it today, he's sick, so we stayed in.", 0, 0),
        ("She wasn't feeling it so we left the party early.", 0, 0),
        ("They're not feeling this heat.", 0, 0),
        ("Mia told me she's pulling away from me.", 0, 0),
        ("I've lost interest.", 0, 1),
        ("I'm just not into him anymore.", 0, 1),
        ("When I asked, she said she's not into me like that.", 1, 0),
        ("He said he's not feeling it anymore.", 1, 0),
        ("She told me 'I want to end things'. Kind, at least.", 1, 0),
    ],
)
def test_a_clear_answer_is_theirs_and_stepping_back_is_the_writers(text, clear, stepping_back):
    # Said as so: not asked, doubted, reported or over by the end of the entry.
    assert bool(clear_answer(text)) == bool(clear)
    assert bool(pulling_away(text)) == bool(stepping_back)

"""Demo data: a believable journal, composed from parts.

Each entry comes from a scenario (a late-night text, a plan that slid, a warm call).
A scenario's text is put together from parts, one line picked from each: what started
it, what happened or what they said, how it felt. Every person in the cast has habits:
which scenarios they tend to, the hours they write at, how they get in touch.

`generate` is plain Python: the same seed and "now" give the same entries.
`manage.py seed_demo` stores what it returns.

The writing lives in text blocks, one option a line (or several, split by " | "):
- a blank line starts the next part; ``-`` is an option that leaves the part out;
- ``{slots}`` are filled from ``POOLS`` (``{Slot}`` capitalised) or from the entry itself
  (``{name}``, ``{they}``, ``{time}``, ``{day}``: the day a plan is for, ``{since}``: a
  day before the entry);
- ``[asked_clarity]`` or ``[channel=call]`` at the end of a line sets that fact.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from journal.models import Relationship

Option = tuple[str, dict]  # a sentence and the facts it implies


def _lines(block: str) -> tuple[str, ...]:
    """The options in a block: one a line, or several on a line split by " | "."""
    return tuple(
        o.strip() for line in block.strip().splitlines() for o in line.split(" | ") if o.strip()
    )


_MARK = re.compile(r"\s*\[(\w+)(?:=(\w+))?\]$")


def _parts(block: str) -> tuple[tuple[Option, ...], ...]:
    """Parse a scenario's text block into parts, each a tuple of options."""
    parts = []
    for chunk in re.split(r"\n\s*\n", block.strip()):
        options = []
        for line in _lines(chunk):
            facts = {}
            while mark := _MARK.search(line):
                facts[mark[1]] = mark[2] or True
                line = line[: mark.start()]
            options.append(("" if line == "-" else line, facts))
        parts.append(tuple(options))
    return tuple(parts)


# --------------------------------------------------------------------------------------
# Words that fill the {slots}
# --------------------------------------------------------------------------------------
POOLS: dict[str, tuple[str, ...]] = {
    "topic": _lines("""
        the interview | my dad's scan results | the flat I didn't get
        my first week at the new job | the half marathon | my sister's engagement
        the row with my landlord | quitting the choir | the promotion I didn't get
        Gran's ninetieth | the course I've signed up for | the dream I had about Mum
        my driving test | moving back home for a bit | the presentation that went wrong
    """),
    "serious": _lines("""
        how anxious I've been lately | my dad being back in hospital
        feeling like I'm always the one who reaches out
        what we actually are to each other | the panic attacks coming back
        how lonely I've been since the move | where this is going
        how hurt I was last weekend | my mental health
    """),
    "plan": _lines("""
        dinner on {day} | the gig on {day} | a walk on {day} | drinks after work
        the exhibition before it closes | brunch on {day} | the cinema on {day}
        that ramen place | coffee this week | the picnic on {day}
    """),
    "outing": _lines("""
        dinner | the gig | a long walk | brunch | the cinema | drinks | the exhibition
        coffee | a picnic in the park
    """),
    "place": _lines("""
        the café by the canal | the pub quiz | the market | that little Italian place
        the park | the climbing wall | the taco place | the bookshop café
    """),
    "detail": _lines("""
        my interview | Mum's birthday | the name of my plant | that I hate coriander
        my driving test | the thing with my landlord | my sister's wedding dress drama
    """),
    "item": _lines("""
        charger | good umbrella | copy of that book | blue jumper | cake tin
    """),
    "gap": _lines("""
        two days | three days | a whole week | 18 hours | four days
    """),
    "sweet": _lines("""
        'I've never clicked with anyone like this' | 'can't stop thinking about you'
        'you're my favourite person to talk to' | 'we should go to Lisbon together'
        'I missed you so much today'
    """),
    "thing": _lines("""
        a photo of the dog in a raincoat | the article we talked about
        a song that made me think of them | a long voice note
        a meme I thought they'd love | a question about {plan}
    """),
    "minimal": _lines("""
        'ok' | 'cool' | 'lol' | 'nice' | 'k' | 'haha' | '👍' | 'sure'
    """),
    "busy": _lines("""
        'sorry, crazy week!!' | 'so busy rn' | 'swamped with work, another time?'
        'ugh, so much going on right now' | 'been mental at work, talk soon x'
        'work stuff, you know how it is' | 'it's been a lot, sorry'
    """),
    "vague": _lines("""
        'maybe sometime!' | 'let's play it by ear' | 'we'll see how the week goes'
        'I'll let you know' | 'hmm maybe, not sure yet' | 'we should totally hang soon'
        'maybe next week?'
    """),
    "late": _lines("""
        'u up?' | 'hey stranger 😏' | 'bored, what are you doing' | 'what you up to rn'
        'can I come over?' | 'you awake?' | 'miss you' | 'wyd'
    """),
    "work": _lines("""
        the numbers for Monday's deck | the client call notes | the rota for next month
        the budget sheet | the slides for Thursday | who's covering Friday
    """),
}


# --------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    parts: tuple[tuple[Option, ...], ...]
    feeling: tuple[int, int]  # lowest and highest, inclusive
    words: tuple[str, ...]  # feeling words that fit, from journal.models.Feeling
    facts: dict = field(default_factory=dict)  # fact -> (chance it is filled in, values)
    hours: tuple[int, ...] = ()  # forces the time of day (late-night texts)
    medium: str = ""  # "message" narrows the person's usual channels to messages


LATE = (22, 23, 23, 0, 0, 0, 1, 1, 2)
SCENARIOS: dict[str, Scenario] = {
    "late_night": Scenario(
        _parts("""
            {time}, phone buzzes.
            {name} texted at {time}.
            Another {time} message from {name}.
            Nothing from {name} all day, then at {time}:
            Was almost asleep when {name} messaged ({time}).
            {time} and of course it's {name}.
            {name}, {time}:
            Silent all day. Then {time}:

            {late}
            {late}
            {late} with a fire emoji.
            Just {late}

            -
            Silence all day, as usual.
            Only ever hear from {them} after midnight.
            I said I was going to sleep. I didn't sleep.
            Replied anyway. Hate that I did.
            Didn't answer till the morning, and by then {they} had gone quiet again.
            Never during the day. Never.
            My daytime texts get nothing.
        """),
        feeling=(-2, 1),
        words=("anxious", "lonely", "confused", "hopeful", "excited"),
        facts={"initiated_by": (0.7, ["them"])},
        hours=LATE,
        medium="message",
    ),
    "one_word": Scenario(
        _parts("""
            Sent {name} a long message about {topic}.
            Wrote {name} a whole paragraph about {topic}.
            Opened up to {name} about {topic}.
            Long voice note to {name}, four minutes, all about {topic}.
            Told {name} the whole story about {topic}.
            Long text to {name} about {topic}, took me ages to write.

            {They} replied {minimal}.
            Reply: {minimal}.
            Got a thumbs up. That's it.
            {minimal} was all I got.
            {They} hearted it. Nothing else.
            Answer came back an hour later: {minimal}.

            -
            -
            Felt like talking to a wall.
            I don't know why I keep writing essays to someone who answers in one word.
            Maybe {theyre} just tired. Maybe not.
            Stared at it for ten minutes.
            I'd have settled for one question back.
        """),
        feeling=(-2, 0),
        words=("dismissed", "hurt", "lonely", "confused"),
        facts={
            "initiated_by": (0.7, ["me"]),
            "reply": (0.6, ["one_word"]),
            "reply_delay_hours": (0.3, [0.2, 0.5, 1, 2, 3]),
        },
        medium="message",
    ),
    "busy": Scenario(
        _parts("""
            Asked {name} if we're still on for {plan}.
            Checked in with {name} about {plan}.
            Texted {name} to see how the week was going.
            Hadn't heard from {name} in {gap}, so I checked in.
            Tried to set a day for {plan}.

            {busy}
            {busy}
            Got {busy} back.
            Cancelled with {busy}.

            -
            No other day offered.
            Then {they} posted stories from a bar an hour later.
            That's the third time this month.
            Busy, always busy.
            But {they} found time for the pub quiz on {since}.
            And then nothing for {gap}.
        """),
        feeling=(-2, 0),
        words=("dismissed", "hurt", "confused", "lonely", "angry"),
        facts={
            "initiated_by": (0.6, ["me"]),
            "plan_outcome": (0.5, ["cancelled", "vague"]),
            "reply": (0.4, ["short"]),
        },
        medium="message",
    ),
    "avoided_plans": Scenario(
        _parts("""
            Suggested {plan}.
            Tried to pin {name} down for {plan}.
            Asked {name} if {day} still works.
            {Plan}, moved again.
            Asked {name} out for {plan}, properly this time.
            Floated {plan} to {name}.

            {vague}
            {vague}
            Cancelled an hour before. 'something came up'.
            {They} changed the subject to a meme.
            {They} said {vague} and then nothing.
            '{day} is tricky', no other day offered.

            -
            {day} came and went. Never heard another word.
            Third time it's slid.
            I'm tired of being the only one making plans.
            No new date.
            Still no date.
            I'll stop asking and wait for {them} to suggest something.
        """),
        feeling=(-2, 0),
        words=("dismissed", "confused", "hurt", "anxious"),
        facts={
            "initiated_by": (0.7, ["me"]),
            "plan_outcome": (0.6, ["vague", "cancelled", "rescheduled"]),
        },
        medium="message",
    ),
    "left_on_read": Scenario(
        _parts("""
            Sent {name} {thing}.
            Asked {name} how {their} week was going.
            Messaged {name} about {plan}.
            Replied to {name}'s story. [channel=social_dm]
            Sent {name} a question.

            Read at {read_at}. Nothing.
            Seen. No reply, and {theyre} been posting stories all evening.
            Left on read for {gap}.
            Still says Read since {since}.
            Reply came {gap} later, no mention of the gap.
            Green dot on the app all evening, my message just sitting there.
            Blue ticks. Crickets.

            -
            -
            I keep checking my phone.
            Trying not to double text.
            Not going to chase.
            Put my phone in the other room.
        """),
        feeling=(-2, -1),
        words=("anxious", "dismissed", "lonely", "hurt"),
        facts={
            "initiated_by": (0.7, ["me"]),
            "reply": (0.6, ["seen_no_reply", "none_yet"]),
            "reply_delay_hours": (0.4, [6, 12, 20, 26, 40, 52, 70]),
        },
        medium="message",
    ),
    "joked_off": Scenario(
        _parts("""
            Finally asked {name} where this is going. [asked_clarity]
            Told {name} I've been struggling with {serious}.
            Tried to talk to {name} about {serious}.
            Said I wanted to talk about us, properly. [asked_clarity]
            Brought up {serious} with {name}, seriously this time.

            'lol relax, it's not that deep'
            {They} made a joke about me being dramatic and changed the subject.
            Sent back a meme.
            'haha ok therapist' and then asked what I was eating.
            Laughed it off and started talking about football.
            'calm down 😂'

            -
            It wasn't a joke to me.
            I felt stupid for bringing it up.
            Let it go. Again.
            I'll try once more, in person.
        """),
        feeling=(-3, -1),
        words=("dismissed", "hurt", "angry", "lonely"),
        facts={"initiated_by": (0.7, ["me"]), "reply": (0.3, ["short"])},
    ),
    "hot_and_cold": Scenario(
        _parts("""
            {since}, {they} said {sweet}. Today: dry texts, no questions.
            Last week it was good morning texts and voice notes. This week, barely a word.
            So warm on {since}, planning a trip together. Now cold again.
            Mixed signals again: {sweet} at the weekend, distant by Monday.
            One day {theyre} all over me, the next I'm a stranger.
            Hot and cold, again.

            -
            -
            Whiplash.
            I never know which version I'll get.
            I don't know where I stand.
        """),
        feeling=(-2, 1),
        words=("confused", "anxious", "hopeful", "hurt"),
        facts={"initiated_by": (0.4, ["me", "them"])},
    ),
    "warm": Scenario(
        _parts("""
            Long call with {name}. [channel=call]
            {Outing} with {name}, finally. [channel=in_person]
            {name} checked in about {topic} without me asking.
            Met {name} at {place}. [channel=in_person]
            {name} rang while I was cooking. [channel=call]
            Lovely time with {name}.
            {name} came round. [channel=in_person]

            We talked for ages about {topic}.
            {They} remembered {detail} and asked about it.
            Laughed until my face hurt.
            {They} asked loads of questions and actually listened.
            We made a plan for {day} and {they} booked it there and then.
            Easy, warm, no games.

            -
            Felt easy. Felt like me.
            Came home lighter.
            This is what it's supposed to feel like.
            Booked the next one before we said bye.
            Good day.
        """),
        feeling=(1, 3),
        words=("happy", "calm", "seen", "excited", "hopeful"),
        facts={
            "initiated_by": (0.5, ["me", "them"]),
            "reply": (0.4, ["engaged"]),
            "plan_outcome": (0.3, ["kept"]),
        },
    ),
    "colleague": Scenario(
        _parts("""
            Lunch with {name}. [channel=in_person]
            {name} covered the client call when my train got stuck.
            {name} told me my slides were the best in the room.
            Coffee run with {name}. [channel=in_person]
            {name} asked how {topic} went, and remembered to ask.

            -
            We talked about {topic} for a bit.
            {They} stayed late to help me finish.
            Easy company.

            -
            Good to have {them} on the team.
            Made the week better.
        """),
        feeling=(1, 2),
        words=("calm", "happy", "seen"),
        facts={"initiated_by": (0.4, ["me", "them"]), "reply": (0.3, ["engaged"])},
    ),
    "kept_reschedule": Scenario(
        _parts("""
            {name} couldn't make {day} after all, so {they} asked if {day2} at 4 worked instead.
            {name} had to swap our plans, offered {day2} lunch instead.
            {name} was ill, so {they} moved {outing} to {day2} at 7.

            We went, and it was lovely.
            It happened, on the dot.
            We met, and had a great time.

            -
            That's how it's done.
            No drama at all.
        """),
        feeling=(1, 2),
        words=("calm", "happy", "relieved"),
        facts={"plan_outcome": (0.7, ["rescheduled", "kept"]), "initiated_by": (0.5, ["them"])},
        medium="message",
    ),
    "practical": Scenario(
        _parts("""
            Asked {name} for {work}.
            {name} asked about {work}.
            Pinged {name} about {work}.
            Reminded {name} about {work}.
            Quick chat with {name} about {work}.

            'on it, by 3'
            Sent it ten minutes later.
            'done, check your inbox'
            Sorted by lunch.
            {They} had already done it.
            'can we talk at 2?', and we did.

            -
            -
            Easy.
            Nice to work with someone reliable.
            Fine.
        """),
        feeling=(0, 1),
        words=("calm",),
        facts={"initiated_by": (0.5, ["me", "them"]), "reply": (0.4, ["short", "engaged"])},
    ),
    "errand": Scenario(
        _parts("""
            Asked {name} if {they} still had my {item}.
            {name} asked where I was.
            Asked {name} to grab oat milk on the way.
            Asked {name} what time tomorrow.
            {name} wanted to know if we're still on for {day}.

            'yep! bringing it {day}'
            'omw'
            'on my way, 5 min'
            'yes! 7ish?'
            'still on, can't wait'

            -
            -
            Sorted.
        """),
        feeling=(0, 1),
        words=("calm",),
        facts={"reply": (0.4, ["short"]), "initiated_by": (0.4, ["me", "them"])},
        medium="message",
    ),
    "family": Scenario(
        _parts("""
            {name} called about Mum's birthday. [channel=call]
            Family group chat, {name} mostly sending photos of the dog.
            {name} asked if I'm coming home on {day}.
            Sunday call with {name}. [channel=call]
            {name} sent a voice note about {topic}.

            We sorted the present.
            Talked for twenty minutes, mostly about nothing.
            {They} asked how I'm doing and meant it.
            Usual teasing, usual {name}.

            -
            Nice to hear {their} voice.
            Felt like home for a minute.
        """),
        feeling=(0, 2),
        words=("calm", "happy", "seen"),
        facts={"initiated_by": (0.5, ["them", "me"])},
    ),
    "clarity": Scenario(
        _parts("""
            Asked {name} straight out what we're doing. [asked_clarity]
            Told {name} I need to know where I stand. [asked_clarity]
            Asked {name} if {theyre} looking for something serious. [asked_clarity]

            'I'm not looking for anything serious right now, sorry.'
            {They} said, kindly, that {theyre} not feeling a romantic connection.
            {They} said {theyre} not ready to date properly, and explained why.

            Hurt, but at least I know where I stand.
            Stings. Still better than guessing.
            Grateful {they} just said it.
        """),
        feeling=(-1, 1),
        words=("relieved", "hurt", "calm"),
        facts={"initiated_by": (0.8, ["me"]), "plan_outcome": (0.4, ["declined"])},
    ),
}

# Now and then a line of the writer's own thinking, after the rest.
AFTERTHOUGHTS = {
    "low": _lines("""
        Writing it down so I stop replaying it.
        Note to self: stop checking.
        I want to stop making excuses for {them}.
        Told my sister about it. She made a face.
        Is it me? It feels like it's me.
        Same as last time, honestly.
        I'm allowed to want more than this.
    """),
    "high": _lines("""
        Reminder that not everyone is hard work.
        More of this, please.
        Saving this one for a bad day.
        Felt properly looked after.
    """),
}


# --------------------------------------------------------------------------------------
# The cast
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cast:
    name: str
    relationship: str
    notes: str
    pronouns: tuple[str, str, str, str]  # they, them, their, they're
    share: float  # of all entries
    days: tuple[int, int]  # active from this many days ago until that many days ago
    hours: dict[int, float]  # local hour -> weight
    channels: dict[str, float]
    they_start: float  # chance they reached out first, when the scenario doesn't say
    scenarios: dict[str, float]
    weekdays_only: bool = False


HE = ("he", "him", "his", "he's")
SHE = ("she", "her", "her", "she's")
CAST: tuple[Cast, ...] = (
    Cast(
        name="Jamie",
        relationship=Relationship.SITUATIONSHIP,
        notes="We've been 'seeing each other' since spring. Never defined it.",
        pronouns=HE,
        share=0.30,
        days=(170, 0),
        hours={21: 1, 22: 2, 23: 3, 0: 3, 1: 2, 19: 1, 20: 1, 13: 0.5},
        channels={"text": 7, "social_dm": 1.5, "in_person": 1, "call": 0.5},
        they_start=0.6,
        scenarios={
            "late_night": 22,
            "one_word": 12,
            "busy": 14,
            "avoided_plans": 14,
            "left_on_read": 10,
            "joked_off": 6,
            "hot_and_cold": 8,
            "warm": 12,
            "clarity": 2,
        },
    ),
    Cast(
        name="Alex",
        relationship=Relationship.DATING,
        notes="Matched on Hinge. Two dates so far.",
        pronouns=SHE,
        share=0.18,
        days=(80, 0),
        hours={12: 1, 13: 1, 18: 1, 19: 2, 20: 2, 21: 2, 22: 1},
        channels={"dating_app": 6, "text": 2.5, "in_person": 1.5},
        they_start=0.4,
        scenarios={
            "left_on_read": 20,
            "avoided_plans": 20,
            "one_word": 12,
            "warm": 22,
            "busy": 8,
            "clarity": 4,
            "late_night": 5,
            "joked_off": 7,
        },
    ),
    Cast(
        name="Priya",
        relationship=Relationship.FRIEND,
        notes="Best friend since uni.",
        pronouns=SHE,
        share=0.17,
        days=(180, 0),
        hours=dict.fromkeys(range(9, 23), 1.0),
        channels={"text": 4, "call": 2, "in_person": 3, "video": 1},
        they_start=0.5,
        scenarios={"warm": 60, "kept_reschedule": 14, "errand": 12},
    ),
    Cast(
        name="Tom",
        relationship=Relationship.FAMILY,
        notes="My little brother.",
        pronouns=HE,
        share=0.12,
        days=(180, 0),
        hours=dict.fromkeys(range(10, 22), 1.0),
        channels={"text": 5, "call": 3, "in_person": 1},
        they_start=0.5,
        scenarios={"family": 35, "warm": 20, "joked_off": 18, "one_word": 10, "errand": 10},
    ),
    Cast(
        name="Dana",
        relationship=Relationship.WORK,
        notes="Sits opposite me. Runs the client team.",
        pronouns=SHE,
        share=0.13,
        days=(180, 0),
        hours=dict.fromkeys(range(9, 18), 1.0),
        channels={"email": 3, "in_person": 4, "call": 1, "other": 2},
        they_start=0.5,
        scenarios={"practical": 60, "colleague": 16, "kept_reschedule": 10, "busy": 6},
        weekdays_only=True,
    ),
    Cast(
        name="Chris",
        relationship=Relationship.OTHER,
        notes="My ex. We broke up in January. Still in touch, sort of.",
        pronouns=HE,
        share=0.10,
        days=(180, 20),
        hours={22: 1, 23: 2, 0: 3, 1: 2, 2: 1, 18: 0.5},
        channels={"text": 6, "social_dm": 3, "call": 1},
        they_start=0.7,
        scenarios={
            "late_night": 35,
            "hot_and_cold": 22,
            "one_word": 10,
            "left_on_read": 10,
            "warm": 8,
            "clarity": 8,
            "joked_off": 7,
        },
    ),
)
NAMES = tuple(c.name for c in CAST)
MESSAGE_CHANNELS = {"text", "dating_app", "social_dm", "email", "other"}
FEELING_COUNTS = (0, 1, 1, 2, 2, 3)  # how many feeling words an entry gets


# --------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------
@dataclass
class DemoEntry:
    person: str
    occurred_at: datetime
    channel: str
    text: str
    feeling: int
    feelings: list[str]
    initiated_by: str = ""
    reply: str = ""
    reply_delay_hours: float | None = None
    plan_outcome: str = ""
    asked_clarity: bool = False


class _Slots(dict):
    """Fills {slots}: the entry's own values first, else a fresh pick from the pools."""

    def __init__(self, rng: random.Random, **fixed):
        super().__init__(**fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        pool = POOLS.get(key.lower())
        if pool is None:
            raise KeyError(key)
        value = self.rng.choice(pool)
        return value[0].upper() + value[1:] if key[0].isupper() else value


def _fill(text: str, slots: _Slots) -> str:
    for _ in range(3):  # pools hold slots of their own ("dinner on {day}")
        if "{" not in text:
            break
        text = text.format_map(slots)
    return text


def _clock(at: datetime, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{at:%H:%M}"
    return f"{(at.hour % 12) or 12}:{at.minute:02d}{'am' if at.hour < 12 else 'pm'}"


_CUMULATIVE: dict[int, tuple[list, list[float]]] = {}


def _weighted(rng: random.Random, weights: dict):
    """One key of ``weights``, picked in proportion to its value."""
    if id(weights) not in _CUMULATIVE:
        _CUMULATIVE[id(weights)] = (list(weights), list(accumulate(weights.values())))
    keys, cumulative = _CUMULATIVE[id(weights)]
    return rng.choices(keys, cum_weights=cumulative)[0]


def _channel(cast: Cast, scenario: Scenario, rng: random.Random) -> str:
    """The person's usual way of talking, narrowed to messages when the scenario is one."""
    if scenario.medium != "message":
        return _weighted(rng, cast.channels)
    usual = {c: w for c, w in cast.channels.items() if c in MESSAGE_CHANNELS}
    return rng.choices(list(usual), weights=list(usual.values()))[0] if usual else "text"


def _when(cast: Cast, scenario: Scenario, now: datetime, rng: random.Random) -> datetime:
    """A local time in the person's active window; recent days are more likely."""
    oldest, newest = cast.days
    span = oldest - newest
    # Mostly a density that falls linearly from today to the oldest day, plus an even
    # spread so the oldest weeks are never empty.
    share = 1 - rng.random() ** 0.5 if rng.random() < 0.85 else rng.random()
    day = (now - timedelta(days=newest + span * share)).date()
    if cast.weekdays_only and day.weekday() >= 5:
        day -= timedelta(days=day.weekday() - 4)
    hour = rng.choice(scenario.hours) if scenario.hours else _weighted(rng, cast.hours)
    at = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=now.tzinfo)
    while at > now:
        at -= timedelta(days=7 if cast.weekdays_only else 1)
    return at


def _entry(cast: Cast, now: datetime, rng: random.Random) -> DemoEntry:
    scenario = SCENARIOS[_weighted(rng, cast.scenarios)]
    at = _when(cast, scenario, now, rng)
    they, them, their, theyre = cast.pronouns
    plan_day = at + timedelta(days=rng.randint(1, 5))
    slots = _Slots(
        rng,
        name=cast.name,
        they=they,
        They=they.capitalize(),
        them=them,
        their=their,
        theyre=theyre,
        time=_clock(at, rng),
        read_at=_clock(at + timedelta(minutes=rng.randrange(2, 90)), rng),
        day=f"{plan_day:%A}",
        day2=f"{plan_day + timedelta(days=rng.randint(1, 3)):%A}",
        since=f"{at - timedelta(days=rng.randint(1, 3)):%A}",
    )
    facts: dict = {}
    sentences = []
    for options in scenario.parts:
        sentence, implied = rng.choice(options)
        facts.update(implied)
        if sentence:
            sentences.append(_fill(sentence, slots))
    feeling = rng.randint(*scenario.feeling)
    if feeling and rng.random() < 0.12:
        sentences.append(_fill(rng.choice(AFTERTHOUGHTS["low" if feeling < 0 else "high"]), slots))
    text = " ".join(sentences)
    voice = rng.random()
    if voice < 0.12:  # typed fast on a phone
        text = text.lower().rstrip(".")
    elif voice < 0.15:  # only the feeling, no words
        text = ""
    for fact, (chance, values) in scenario.facts.items():
        if rng.random() < chance:
            facts.setdefault(fact, rng.choice(values))
    if "initiated_by" not in facts and rng.random() < 0.4:
        facts["initiated_by"] = "them" if rng.random() < cast.they_start else "me"
    return DemoEntry(
        person=cast.name,
        occurred_at=at,
        channel=facts.pop("channel", None) or _channel(cast, scenario, rng),
        text=text,
        feeling=feeling,
        feelings=rng.sample(scenario.words, k=min(len(scenario.words), rng.choice(FEELING_COUNTS))),
        **facts,
    )


def generate(count: int, *, now: datetime, tz: ZoneInfo, seed: int = 0) -> list[DemoEntry]:
    """`count` entries with the cast, oldest first, in the time zone ``tz``."""
    rng = random.Random(seed)
    local_now = now.astimezone(tz)
    shares = [cast.share for cast in CAST]
    entries = [_entry(rng.choices(CAST, shares)[0], local_now, rng) for _ in range(count)]
    entries.sort(key=lambda e: e.occurred_at)
    return entries

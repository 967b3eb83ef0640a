"""Message drafts the guidance pages offer to copy and adapt.

Plain data, no Django import. ``{name}`` is the only placeholder; fill it with
``text.format(name=...)``, and literal braces must be doubled.
"""

# One clear, kind question about where things stand. See ask-for-clarity.md.
CLARITY_QUESTIONS: tuple[str, ...] = (
    "Hey {name}, I've really enjoyed getting to know you, and I'd like to know where you "
    "see this going. What are you looking for?",
    "Hey {name}, can I ask you something honestly? Is this something you'd like to grow, "
    "or is it more casual for you? Either answer is okay, I'd just rather know than guess.",
    "{name}, I like you and I'm looking for something that becomes more over time. "
    "Do you feel the same way?",
    "Hi {name}, I've noticed we talk a lot but rarely make plans. I'd love to see you "
    "properly. Is that something you want too?",
    "Hey {name}, no pressure and no wrong answer: where do things stand for you with us?",
    "{name}, it sometimes feels like you're really into this and sometimes like you're not. "
    "Could you tell me where you are with it? I can handle whatever the answer is.",
)

# (title, text) drafts for ending or pausing things when you are the one pulling away.
# See pulling-away.md.
ENDING_DRAFTS: tuple[tuple[str, str], ...] = (
    (
        "After a few dates",
        "Hi {name}, thank you for the last few weeks, I've enjoyed our dates. I've been "
        "thinking about it, and I don't feel the kind of connection I'm looking for. I'd "
        "rather tell you honestly than let things drift. I wish you the very best.",
    ),
    (
        "Ending a longer situationship",
        "{name}, I want to be straight with you, because you deserve that. I care about you "
        "and I've valued our time together, but I don't see this becoming a relationship, and "
        "it isn't fair to keep you guessing. I'm going to step back. I'm sorry this hurts, "
        "and thank you for everything we shared.",
    ),
    (
        "Pausing things",
        "Hey {name}, I want to be honest that I need some space right now. It's about what's "
        "going on with me, not something you did. I don't want to leave you wondering, so "
        "I'll be quieter for the next few weeks, and I'll get in touch by the end of the month "
        "either way, even if it's just to let you know where I am.",
    ),
    (
        "Saying no to a second date",
        "Hi {name}, thanks so much for the other night, I had a nice time talking with you. "
        "I don't feel a romantic spark, though, so I'm going to pass on a second date. "
        "Good luck out there, I hope you find what you're looking for.",
    ),
    (
        "After they asked for clarity, and you don't feel the same",
        "{name}, thank you for asking me so clearly, I really respect it. I don't feel the "
        "same way, and I don't want to give you a vague answer when you deserve a clear one. "
        "I've enjoyed our time, and I'm sorry this isn't the answer you hoped for.",
    ),
    (
        "A friend you're drifting from",
        "Hey {name}, I've been thinking about us. I've noticed we've drifted, and I've been "
        "slow to reply, which isn't fair to you. Life has pulled me in a different direction "
        "and I don't have as much to give to our friendship as I used to. I'm grateful for "
        "what we've shared, and I'd rather say that honestly than just go quiet.",
    ),
)

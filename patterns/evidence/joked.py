"""joked_off: a serious topic met with a joke, sarcasm or a quick change of subject."""

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
JOKED: dict[str, list[str]] = {
    # Something serious or vulnerable the writer raised.
    "serious": [
        "feelings?", r"where (?:this|we're|we are|it's|things are|we're) (?:is )?(?:going|heading)",
        "what we are", "exclusive", "(?:the|our) relationship", "the future",
        r"(?:wants?|having|want) kids", "marriage", "married", r"mov(?:e|ing) in",
        r"(?:my|the) (?:anxiety|depression|therapy|mental health|health|diagnosis|biopsy|scan|"
        r"grief|eating|weight|debt|career|workload|test results|results)",
        r"panic attacks?", r"depress(?:ed|ion)", "anxiety", r"burn(?:ing|ed|t)? ?out",
        "struggling", "scared", "terrified", "frightened", "worried", "lonely", "loneliness",
        "invisible", "really hurt", "hurt me", "how hurt", "upset with", r"suicid\w*",
        "self-harm", "miscarriage", "divorce", r"leaving my (?:husband|wife|partner)",
        "lost my job", "laid off", "funeral", "dementia", "cancer", "chemo",
        "physically sick", r"(?:the|his|her|their|my) drinking", "i'm gay", "coming out",
        "came out", "falling for", "in love", "love you", r"miss (?:you|her|him|us)",
        "how i feel", "seriously", "serious", "important", "matters to me", "needed to talk",
        r"need (?:us )?to talk", "talk about us", r"(?:you|he|she)'?s? happy",
        "owes me", "stressed", r"talk about (?:the|how|why|what)", "comments? about my",
        "never see each other", "what this is", "where we stand", "more than friends",
        r"speaks? to me", "disrespect", "hurtful", "boundar(?:y|ies)", "therapy",
        "pregnan(?:t|cy)", "abortion", "bullied", "harass", "grieving", "passed away",
        r"died", "the way (?:he|she|they) (?:talks?|treats?|speaks?)", "commitment",
        "meet (?:his|her|their) (?:parents|family)", "break up", "breaking up",
        "insecure", "jealous", "trust", "vulnerable", "been crying", "(?:a|our|the) future",
        "guilty", "ashamed", "heartbroken", "devastated", "hopeless", "overwhelmed", "grief",
        r"diagnos\w+", "adhd", "autism", "illness", "losing interest", "lost interest",
        r"still (?:interested|into me)", "straight out", "raised", "issue", "problem",
        "concern", "my (?:dad|mum|mom|father|mother|brother|sister)'s (?:health|illness)",
        r"where (?:do you|does he|does she|she|he|they|you) sees? (?:us|this|me)", "sees us",
        "unhappy", "miserable", "not happy", "dark thoughts", "dark place", r"not (?:ok|okay)\b",
        "stroke", "heart attack", "surgery", r"operation\b", "hospital", r"tumou?r", "ivf",
        "infertility", "lump", "a&e", "ambulance", "therapist", "rehab", "relapse", "addiction",
        "sobriety", "eating disorder", "torn", r"offered (?:a|the|my dream) job", "moving abroad",
        "my news", "left out",
        r"(?:felt|feel|feeling) (?:really |so |a bit )?(?:hurt|sad|low|alone|lonely|"
        r"left out|ignored|unappreciated|disrespected|insecure|unwanted|small|taken for granted)",
        r"break-?up", "not good enough", r"loves? me\b", "proud of me", "love me",
        r"upsets? me", "upsetting", "more commitment", r"stress\b", "signed off", "sick leave",
        r"quit(?:ting)? my job", "my own business", r"thinking (?:of|about) (?:leaving|quitting|"
        r"moving|ending)", "big decision", "my dream", r"tried to (?:bring up|talk|raise|explain|"
        r"tell)", "brought up", "bring up", "forgot my", "the fact that",
        r"cr(?:y|ied|ying) (?:all|every|myself|on|in|at)",
    ],
    # Their answer was a joke or sarcasm.
    "deflect": [
        "lol", "lmao", "lmfao", r"haha+", "hehe", "😂", "🤣", "😅", "🙃",
        r"jok(?:e|ed|es|ing)", r"sarcas\w*", "memes?", "gif", "tiktok", "laughed", "laughing",
        "snorted", "chuckled", "giggled", "smirked", "brushed (?:it )?off", "kept it light",
        "relax", "calm down", "lighten up", "dramatic", "drama queen", "sensitive",
        "overthinking", "welcome to", "aren't we all", "join the club", "slow down",
        r"ok(?:ay)? (?:therapist|boomer|mom|mum|dad|grandma)", "silly voice", "funny voice",
        "put on a", r"turned (?:the|up the) (?:tv|music)", "turned the tv up",
        "end of conversation", "wouldn't say more", "and that was that", r"\bha\b", "duh",
        r"wouldn't go (?:further|into it|any further)", r"jk\b", "just kidding", "next question",
        r"fake (?:cough|yawn|snore)", "pretended not to hear",
        "cheer up", "not that deep", "so deep", "deep stuff", "too deep", "heavy", "chill",
        "touchy", "who hurt you", "pun", "teased", "mocked", "rolled (?:his|her|their) eyes",
        "made fun", "quipped", "banter", "bit dark", "you'll live", "first world problem",
        "classic you", "there (?:she|he) goes", "here we go",
    ],
    # Speech-only cues, looked for in their quoted words.
    "deflect_quoted": ["anyway", "obviously", "same", "whatever", "moving on", "yikes"],
    # A quick change of subject.
    "dodge": [
        r"chang(?:es|ed|ing) the (?:subject|topic)", "change of subject", "moved on",
        r"went (?:straight )?(?:back )?to (?:his|her|their|the)",
        r"started (?:talking|telling|going on)", r"asked (?:if|whether) i'?d seen",
        "asked what's for", "talked about something else", "changed tack",
        r"switched to (?:talking|the|his|her)", "brought up (?:his|her|their|the) (?:new|game)",
        r"showed me (?:a|his|her|their) (?:video|meme|photo|tiktok)",
    ],
    "together": [
        "we (?:both|laughed|joked)", "both", "together", "each other", "joined in",
        "running bit", "a whole bit", "trading", "trash talk", "roasting", "cried laughing",
        "wheezing", "inside joke", "rivalry",
    ],
    # Joked, then took it seriously after all.
    "then_engaged": [
        r"then (?:\w+ )?(?:asked (?:how (?:i|you)|what would|me how|me what|if i was ok)|listened|"
        r"got serious|actually|hugged|came round|said (?:she'd|he'd|they'd))",
        "just listened", "listened to all", "came round with", "thanks for saying",
        "clear the air", "we're fine", "took it seriously", "then asked properly",
        "but then (?:asked|listened|held|sat|talked|got serious)", "sorry, (?:that|i)",
        "on a serious note", r"talked (?:properly|for an hour|for ages|it through)",
        r"(?:coming|came) (?:over|round)", r"brought (?:me )?(?:food|soup|flowers|dinner)",
        r"asked what i need(?:ed)?", "how i was (?:really )?doing", "what can i do",
        "how can i help",
        "sat down (?:properly|with me)",
        "but seriously,? (?:are|how)",
    ],
}
# fmt: on

NEGATABLE = frozenset({"deflect", "dodge"})
THEIR_WORDS = frozenset({"deflect", "deflect_quoted", "dodge"})

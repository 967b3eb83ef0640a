"""hot_and_cold: warm and eager one moment, distant the next."""

from __future__ import annotations

from patterns.classifier.rules.shared import DAY, MONTH
from patterns.classifier.rules.weigh import Evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
HOT_COLD: dict[str, list[str]] = {
    "swing_named": [
        r"hot (?:and|&|n) cold", "hot-and-cold", "whiplash", r"mixed (?:signals|messages)",
        "blows hot", "jekyll", r"roller ?coaster", r"push[- ](?:and[- ])?pull",
        r"two different (?:people|persons)", "like a different person", r"like two (?:different )?people", "impossible to read",
        r"(?:don't|do not|never) know where i stand", "all over the place",
        r"one (?:minute|day|week|weekend|moment|night)\b[^.]{0,80}the next",
        r"went from (?:planning|talking about|saying|calling|texting|being|\'|\")", r"love-?bomb\w*",
        r"flip-?flop\w*", "blow(?:s|ing)? cold",
        "up and down", "all or nothing", "can't keep up with (?:him|her|them)",
        r"swings? (?:from|between)",
        "used to reply in (?:seconds|minutes)", "like a switch", "switched off",
        "cooled off", "went cold", "gone cold", "ice cold",
        r"(?:he|she|they)(?:'s|'ve|'re| has| have| is| are)? (?:\w+ )?(?:goes|going|went|gone|turns?|turned|turning) (?:\w+ )?cold", r"some days[^.]{0,60}other days",
        r"(?:no idea|don't know|not sure) what changed", "what happened to (?:him|her|them|us)",
        r"can't read (?:him|her|them)", "cold shoulder",
        r"back to (?:being )?(?:sweet|warm|flirty|lovely|affectionate)",
        r"one (?:date|text|visit|call)\b[^.]{0,80}the next",
        r"(?:which|what) version (?:of (?:him|her|them) )?(?:i'll|i will|i'm going to|i'm gonna) get",
        r"(?:don't|do not|never) know which (?:\w+ ){1,2}i'm (?:getting|gonna get|going to get)",
        r"(?:no|zero) (?:in[- ]between|middle ground)", r"either [^.]{3,60} or (?:not at all|radio silence|(?:completely |totally )?(?:gone|absent|silent)(?:[.,;!]|$))",
        r"(?:he's|she's|they're|he is|she is|they are) (?:like )?two (?:different )?people",
        r"(?:same|whole|this) (?:hot[- ](?:and[- ])?cold|on[- ](?:and[- ])?off|push[- ]pull) cycle",
    ],
    # The distance comes with an ordinary reason ("short replies because he was at work").
    "cold_explained": [
        r"because (?:he|she|they) (?:was|were|is|are|had|has) (?:at work|working|on shift|driving|ill|"
        r"sick|in (?:a meeting|hospital|the hospital)|with (?:his|her|their) (?:family|kids|mum|mom|dad))",
        r"because of (?:(?:his|her|their) )?(?:exams?|work|shift|job|deadline|mum|mom|dad|kids)",
    ],
    # The swing told as over ("he used to blow hot and cold, but ...").
    "in_the_past": [
        r"used to (?:\w+ )?$", r"(?:no|not any) more$", r"after (?:a|\w+) (?:years?|months?|weeks?) of $",
    ],
    # Steady now: the opposite of a swing.
    "steady_now": [
        r"(?:been|is|are|was|so|always) (?:really )?(?:steady|consistent|reliable)", "no whiplash",
        "same as always", r"(?:exactly|just) the same (?:every|each) day", r"(?:still|just as) (?:flirty|keen|warm|sweet|lovely|affectionate)",
        r"nothing but (?:consistent|steady|reliable|lovely|kind|sweet|warm)",
    ],
    # Them at their warmest.
    "warm": [
        r"couldn't stop (?:kissing|texting|talking|touching|smiling)",
        r"never felt (?:like this|this way|this easy|so)",
        r"(?:said|told me|saying|texting me)(?! i\b| i'[dm]\b)[^.]{0,40}(?:love|miss(?:ed|es)?|favourite|favorite|"
        r"the one|never (?:felt|met|been|clicked|had|liked|wanted|laughed)|best thing|can't stop|all the time|clicked|something serious|"
        r"soulmate|perfect|amazing|beautiful|gorgeous|because of me|falling for|fallen for)",
        r"delet(?:e|ed|ing) (?:the|his|her|their|our) (?:dating )?(?:apps?|hinge|tinder|bumble)",
        "all over me", r"(?:he|she|they) kept saying", "planning (?:a|our|the)", "we should go",
        r"(?:can't|couldn't|could not) wait", r"introduc\w* me", "hugs",
        r"(?:talked|chatted|called|facetimed|on the phone|texted|texting) (?:for|until|till) "
        r"(?:hours|ages|\d)",
        r"(?:text|messag|call|snap)\w* (?:me )?(?:constantly|all the time|every day|"
        r"nonstop|non-stop|all day|every hour)", "blowing up my phone",
        r"(?:wants?|wanted) to see me", r"likes? me\b", "into me",
        r"call(?:ed|ing|s)? me (?:her|his|their|babe|baby|habibi|darling|love|gorgeous|beautiful|"
        r"sweetheart|honey|angel|handsome|pretty)\b", r"falling for (?:you|u|me)", "love you",
        r"flirt\w*", r"begg(?:ed|ing)", r"magic(?:al)?", r"(?:spent|had) (?:the |a )?(?:whole|entire|"
        r"all|perfect|lovely) (?:weekend|day|night|evening)", "together all",
        r"so (?:lovely|affectionate|keen|attentive|warm|sweet|chatty|open)", "all smiles",
        r"made me (?:a playlist|dinner|breakfast|a card|a mixtape)", "playlist", r"surprised me",
        "flowers", r"couldn't stop", "sweetest", r"held me\b", "for real", r"(?:wants?|wanted) this", r"danc(?:ed|ing) with me", r"cooked (?:for|me)",
        r"(?:stayed|were) up (?:till|until|all night)", r"hand[- ]holding", "future talk",
        r"(?:amazing|perfect|lovely|incredible|magical|dreamy|gorgeous|great|brilliant) (?:weekend|night|evening|day|date|trip|time)s? (?:together|with|away)", r"never been (?:this|so) happy",
        r"wanted to (?:hear|know) (?:every|all|everything)", "every detail", r"good morning beautiful", "sweet as", r"(?:was|is|being|super|really) sweet",
        "we have to go", "introduced me", "introducing me", r"meet (?:his|her|their) (?:parents|"
        r"family|friends)", "held my hand", "holds my hand", "hugged", "kissing", "kissed",
        "texting (?:me )?nonstop", "hearts everywhere", "love hearts", "good morning texts",
        "begged", "electric", "best date", "honeymoon", "all weekend together",
        "so sweet", "sweet and attentive", "attentive", "affectionate", "can't wait to see",
        "can't stop thinking", "think about you", "her favourite", "his favourite",
        r"(?:two|three|four|five)-hour", "best thing", "voice notes", "paragraphs",
        "calls? me every", "so keen", "super keen", "flirty", "flirting", "cuddl\\w*",
        "sweet texts", "in love", "future together", "the one for", "you're the one",
        r"daily (?:calls|texts|facetimes|voice ?notes|good ?mornings)",
        r"(?:^|[.!?]\s*|\b(?:he|she|they) )loves? me\b", r"\'i (?:really |so )?(?:like|love|adore|miss|fancy) (?:you|u)\b",
        r"how (?:special|amazing|beautiful|perfect|gorgeous) i am",
        r"good ?(?:morning|night) (?:gorgeous|beautiful|babe|baby|handsome|sunshine|my love|love)",
        r"plann?(?:ed|ing) (?:our|a|the) (?:whole |entire )?(?:future|holiday|trip|wedding|life)",
        "soulmate", "obsessed with me", r"love of (?:his|her|their) life",
        "couldn't get enough", "wanted to see me every", "every day for", "texting all day",
        "the best night", "amazing night", "amazing date", "spent the night", "chemistry",
        "talking about (?:the future|holidays|trips|moving)",
        r"calling me (?:her|his|their) (?:person|baby|girl|boy|everything|favourite)",
        r"wouldn't (?:leave my side|stop texting|let go)", r"good[- ]?(?:night|morning) (?:texts|"
        r"messages|calls)", r"sweet \w+ (?:texts|messages)", "used to (?:message|text|call|reply)",
        "every morning", "all in", "couldn't keep (?:his|her|their) hands",
        r"hold(?:ing|s)? my hand", "so warm", r"\'i miss you", "miss(?:ed)? you already",
        r"(?:meet|met|meeting) my (?:parents|family|friends|mum|mom|dad)",
        r"found (?:the one|(?:his|her|their) person)",
        r"the best (?:weekend|night|date|day|time)",
        "sweetness", r"slow danc\w*", "let's do this properly", "all sweet",
        "used to (?:call|text|message) every",
        r"(?:text\w*|sen[dt]\w*|said|saying|messag\w*)(?: me)? good ?(?:morning|night)",
        "heart emojis", r"long (?:calls|chats|phone calls|voice notes)",
        r"\'(?:you're|ur|you are) (?:amazing|perfect|gorgeous|beautiful|the best|everything)",
        # eager, planning a future, saying it out loud
        r"(?:meet|meeting) (?:his|her|their) (?:mum|mom|dad|mates|sister|brother|kids|nan|gran)",
        r"(?:so|super|really|very) intense", r"heart[- ]eyes", r"reminded (?:him|her|them) of me",
        r"send(?:s|ing)? me (?:songs|playlists|poems|love notes)", r"sent me (?:songs|playlists|poems)", "love notes",
        "best company", r"(?:you're|ur|you are) (?:\w+ )?(?:my (?:favourite|favorite)|the only one)",
        r"(?:non-?stop|constant) (?:texting|messaging|calls|chatting)", r"known each other (?:forever|for years|all our lives)",
        r"(?:spent|had) (?:the |a )?(?:whole|entire) (?:of )?(?:\w+day|the day|the weekend)",
        r"(?:warm|chatty|sweet|lovely|flirty|affectionate) and (?:chatty|warm|sweet|lovely|flirty|affectionate|keen)",
        r"made (?:plans|a plan) (?:for|to)", r"stayed (?:over|the night)", r"sleeping over",
        r"delet(?:e|ed|ing) (?:dating )?(?:apps?|hinge|tinder|bumble)",
    ],
    # The writer's own words, not theirs ("I wrote him a message saying I missed him").
    "writer_words": [
        r"\bi (?:wrote|sent|texted|told|said|messaged|typed|explained)\b",
        r"\bi (?:\w+ )?$",  # "I finally said I'm falling for him" is the writer's warmth
    ],
    # Them gone distant.
    "cold": [
        "dry", "no questions", r"didn't ask", "distant", "far away", "polite", "formal", "cold",
        "short and", "barely", r"walked (?:straight )?past", "without a word",
        r"didn't (?:speak|say|look)", "won't text", "not answering", "stopped replying",
        r"nothing (?:for|in|like|since|back)", "one line", r"one-liners?", "one-word",
        "can't manage more", r"needs? (?:some )?space", "needed space", "ignor\\w*",
        r"left (?:me )?on read", "heart reaction", "not even a reply",
        "not sure what (?:she|he|they) wants?", "won't answer", "pulled away", "stranger",
        "just met", r"checking (?:her|his|their) phone", "dismissive", "nothing,",
        "a wall", "flat", "vanished", r"disappear\w*", "ghost\\w*", "unbothered", "aloof",
        r"(?:wouldn't|won't|didn't|couldn't) (?:even )?(?:look|speak|talk|say hi|acknowledge)",
        r"(?:days|weeks) of (?:nothing|silence)",
        r"(?:hasn't|hadn't|didn't|not|never) (?:\w+ )?ask(?:ed|ing)? (?:me )?(?:a )?(?:single )?"
        r"(?:question|thing|anything|how)", r"(?:don't|doesn't|didn't) exist", "every other day",
        "distracted", "short with", "icy", r"can't (?:even )?be bothered", r"just stopped",
        "blanked", r"hung up", r"a polite\b", r"(?:answered|picked up) (?:the phone )?with '?what", r"(?:barely|hardly) (?:looked|spoke|said|answered)",
        "acted like", "not replying", "short replies", "curt", "blank", "no reply",
        "on read", "never met", "nothing but", "the odd", "barely texted", "lately just",
        r"didn't (?:text|call|reply|message|answer|respond)", "once a week",
        r"hardly (?:ever|texts|calls)", "wasn't sure", r"not sure about (?:anything|us|this)",
        r"\'busy", r"\'maybe",
        "rarely", "always '?(?:super )?busy", r"one (?:reply|text|message) a (?:day|week)",
        "if that", "lucky to get", "thumbs up", "one-line", "no plans", "one word",
        r"(?:wasn't|isn't|stopped|not) (?:replying|answering|texting)",
        r"no (?:text|texts|message|messages|calls?|word|contact)\b (?:for|since) ",
        "backed off", r"who(?:'s| is) this", "didn't recogni[sz]e",
        "hasn't (?:texted|replied|called)", "silence", "silent", "nothing\\.",
        r"t(?:ake|akes|ook) (?:\w+ )?(?:hours|days|ages|forever) to (?:answer|reply|respond|text back)",
        r"sounds? (?:bored|flat|off|distant|annoyed|irritated|fed up)", "bored", "annoyed",
        "irritated", "crickets", "short with me", "nothing like", "couldn't be bothered",
        r"(?:no|zero|minimal) effort", r"(?:not|un)interested",
        r"once every (?:few|couple of|\w+) (?:days|weeks)", r"if i'm lucky", "like pulling teeth",
        r"(?:texts|replies|messages|answers) (?:were|are|got|became|have been) (?:so |really |very |super |all )?"
        r"(?:short|clipped|dry|blunt|cold|flat|brief|curt|terse)", "clipped", "terse",
        r"(?:wasn't|isn't|not|stopped|without) (?:even )?bother(?:ing|ed)? to (?:reply|text|answer|respond|message)",
        r"acts? like (?:we're|we are|i'm|i am) (?:just )?(?:colleagues|strangers|acquaintances|nobody|mates|"
        r"friends|nothing)", r"like i'?m (?:nobody|no one|a stranger|invisible|nothing)",
        r"walk(?:s|ed|ing)? (?:straight |right )?past (?:me|us)", r"forg(?:e|o)ts? i exist(?:ed)?",
        r"gone (?:very |really |a bit |all |totally )?quiet",  # "went quiet" is often just a pause
        r"not sure about (?:the|our) (?:weekend|plan|plans|date|trip)",
        r"on (?:his|her|their) phone (?:the )?(?:whole|entire|all)(?: time| night| evening| date)?", r"stopped (?:asking|texting|calling|"
        r"replying|messaging)", "lukewarm", r"\bmeh\b", "like talking to",
        r"(?:hasn't|hadn't|didn't|doesn't|won't) (?:even )?(?:said|say) (?:good morning|hello|hi|hey|a word)",
        r"(?:doesn't|does not|didn't|did not|don't) want (?:anything|something) serious", r"(?:and |then )nothing (?:more|else)\b",
        r"back to (?:'|\")?(?:hey|hi|k|ok|sup)\b",
    ],
    # Warmth arriving all at once after distance ("then out of nowhere he's ...").
    "sudden": [
        "suddenly", r"out of (?:nowhere|the blue)", "all of a sudden",
        r"then (?:on )?(?:tonight|today|this morning|last night|\w+day|at \d)",
    ],
    # Them gone absent, for the swing told cold first: silence and avoidance, not a mood
    # ("bored", "polite") nor the weather ("cold").
    "absent": [
        r"ignor\w*", "distant", r"blank(?:ed|ing)", r"ghost(?:ed|ing)", "vanished", r"disappear\w*",
        "silent", "silence", r"no (?:reply|replies|texts?|messages?|word|contact)\b", "cold shoulder",
        r"(?:not|stopped|wasn't|isn't) (?:replying|answering|texting)", r"(?:left me )?on read",
        r"didn't (?:text|call|reply|message|answer|respond|speak|say a word)",
        r"hasn't (?:texted|replied|called)", r"nothing from (?:him|her|them)",
        r"(?:wouldn't|won't|didn't) (?:even )?(?:look at|speak to|talk to|acknowledge) me",
        r"barely (?:spoke|said|texted|replied|looked|acknowledged)",
        r"(?:days|weeks|a week|a fortnight) of (?:nothing|silence)", r"dry (?:texts?|replies)",
    ],
    # The writer speaking of themselves in the clause ("I was so bored", "we were").
    "writer_clause": [r"\b(?:i|i'm|i've|i'd|we|we're|we'd)\b"],
    # The distance owned and explained ("he apologised, his gran had been ill").
    "owned_up": [r"apologi[sz]\w*", r"said (?:he|she|they|he's|she's|they're|he was|she was|they were) sorry", "explained"],
    # Moments in time: two different ones set a swing against each other.
    "time_marker": [
        "yesterday", "last (?:night|week|weekend|month)", DAY, "at the (?:party|wedding|bar|club)",
        r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun):",
        "on our first", "used to", "one (?:minute|day|weekend)", "first date", r"(?:second|next|third) date", r"\d ?[ap]m",
        "a week ago", "on the date", "that night", "in person", "today", "this morning",
        "tonight", "this week", r"since (?:then|we|the|\w+day)", r"next (?:day|morning)",
        "the follow-up", "the next", "afterwards", "after that", r"(?:a|two|three|\d) days? later",
        "lately", "these days", "now", r"week (?:one|two|three|1|2|3)\b",
        r"by (?:lunch|lunchtime|the afternoon|the evening|bedtime|night|the weekend|\d)", r"at lunch(?:time)?", "since we got back", "on our trip", "on the trip",
        "all last week", "after the (?:party|date|wedding|weekend|trip)",
        "weekend", MONTH, r"(?:\d+|a|one|two|three|four|five|six|a few|couple of) (?:days?|weeks?) "
        r"(?:ago|on|later)",
    ],
}
# fmt: on

NEGATABLE = frozenset({"swing_named", "warm"})
THEIR_WORDS = frozenset()


def rule(e: Entry) -> list[Evidence]:
    """The swing told in one entry: named ("hot and cold"), or warmth followed by
    distance or another category's cold turn a short time later."""
    ev = []
    named = e.hit("swing_named", unless_before="in_the_past")
    if named:
        ev.append(Evidence(1.3, quoted(named)))
    warm = e.where("warm", unless_before="writer_words")
    if warm:
        ev += _swing_evidence(e, *warm)
    if not ev:
        ev += _warmed_again(e)
    if ev and e.hit("clarity"):
        ev.append(Evidence(-0.5))
    if ev and (e.hit("steady_now") or e.hit("resolved")):
        ev.append(Evidence(-1.0))
    if ev and not named and e.hit("cold_explained"):
        ev.append(Evidence(-0.8))
    return ev


def _swing_evidence(e: Entry, at: int, warm: str) -> list[Evidence]:
    """Warm, then cold: in words, or as another category's cold turn after warmth.

    The warmth has to come first in the telling; cold then warm is a recovery.
    """
    shift = len(set(e.all_of("time_marker"))) >= 2
    cold = e.after("cold", at) or (shift and e.minimal_quote)
    if cold:
        ev = [Evidence(1.0, f"warm ({quoted(warm)}), then distant ({quoted(cold)})")]
        return ev + [Evidence(0.3, "within a short time")] if shift else ev
    cooled = (
        "joked_off",
        "one_word_replies",
        "left_on_read",
        "avoided_plans",
        "busy_excuses",
        "late_night_only",
    )
    if _late_call_itself(e, at):
        # "3am: 'miss you'" is the late-night pattern, not a swing
        cooled = tuple(slug for slug in cooled if slug != "late_night_only")
    if shift and any(e.sums.get(slug, 0) >= 1 for slug in cooled):
        return [Evidence(1.2, f"warm ({quoted(warm)}), then a cold turn")]
    return []


def _warmed_again(e: Entry) -> list[Evidence]:
    """Distant, then suddenly warm: the swing told the other way round ("ignored me all
    week, then out of nowhere tonight he's calling me gorgeous"). Warmth that comes with
    an apology or a reason is a repair, not a swing."""
    cold = e.where("absent", unless_before="writer_clause")
    if cold is None or e.hit("owned_up", unless_before="writer_clause") or e.hit("cold_explained"):
        return []
    sudden = next((at for at, _ in e.matches("sudden") if at > cold[0]), None)
    warm = sudden is not None and e.after("warm", sudden, unless_before="writer_words")
    if not warm:
        return []
    return [Evidence(1.2, f"distant ({quoted(cold[1])}), then suddenly warm ({quoted(warm)})")]


def _late_call_itself(e: Entry, at: int) -> bool:
    """The warmth is the late-night message itself ("rang me at 2am drunk to say he misses
    me"), not a warm day before a cold one."""
    return any(start <= at < start + len(cue) + 1 for start, cue in e.matches("booty_cue"))

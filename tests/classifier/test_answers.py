"""A clear answer from them, and the writer stepping back (patterns/classifier/answers.py)."""

import pytest

from patterns.classifier import clear_answer, pulling_away


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

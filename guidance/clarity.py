"""Ask for clarity, once: a few kind ways to put one clear question, and "I asked".

"I asked" goes through the log form's own path (EntryForm and save_entry), so the
entry is classified and a double post stores it once. The person page then shows
what came back (patterns.person_patterns.after_clarity).
"""

from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guidance.drafts import CLARITY_QUESTIONS
from journal.entries import save_entry
from journal.forms import EntryForm
from journal.lookups import get_person_for_user, parse_id
from journal.models import Channel, Initiator, Interaction, Person


def questions_for(person: Person, data=None) -> list[dict]:
    """The suggested questions with the name filled in, or as the person edited them."""
    found = []
    for i, question in enumerate(CLARITY_QUESTIONS, start=1):
        text = question.format(name=person.name)
        if data is not None:
            text = data.get(f"question_{i}", text)
        found.append({"number": i, "id": f"clarity-q{i}", "name": f"question_{i}", "text": text})
    return found


def _chosen(data) -> int | None:
    """The number of the way the person ticked, or None: nothing is ticked for them."""
    number = parse_id(data.get("chosen", ""))
    return number if number and number <= len(CLARITY_QUESTIONS) else None


def _asked_form(request: HttpRequest, person: Person) -> EntryForm:
    """The "I asked" form, bound to the question the person picked and edited."""
    chosen = _chosen(request.POST)
    data = request.POST.copy()
    data["person"] = str(person.pk)
    data["text"] = request.POST.get(f"question_{chosen}", "").strip() if chosen else ""
    data["asked_clarity"] = "on"
    data["initiated_by"] = Initiator.ME
    data.pop("new_person", None)
    form = EntryForm(data, user=request.user)
    form.is_valid()  # every mistake is said at once, this one too
    if chosen is None:
        form.add_error(None, "Tick the way you sent, so the entry says what you asked.")
    elif not form.cleaned_data.get("text"):
        form.add_error("text", "The question you picked is empty. Write what you asked.")
    return form


@login_required
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    if request.method == "POST":
        form = _asked_form(request, person)
        if form.is_valid():
            save_entry(form)
            messages.success(
                request,
                f"Logged that you asked {person.name}. When they answer, or don't, log it too.",
            )
            return redirect("journal-person", person.pk)
        questions = questions_for(person, request.POST)
        chosen = _chosen(request.POST)
    else:
        initial = {"token": uuid4(), "channel": Channel.TEXT, "feeling": 0}
        form = EntryForm(user=request.user, initial=initial)
        questions = questions_for(person)
        chosen = None
    last_ask = (
        Interaction.objects.for_user(request.user)
        .filter(person=person, asked_clarity=True)
        .values_list("occurred_at", flat=True)
        .first()
    )
    context = {
        "person": person,
        "form": form,
        "questions": questions,
        "chosen": chosen,
        "last_ask": last_ask,
        "nav": "people",
    }
    return render(request, "guidance/clarity.html", context)

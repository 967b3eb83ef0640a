"""Views for the people a user logs interactions with."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from journal.cards import clarity_answer_url, clear_note, pulling_away_url, pulling_note
from journal.forms import PersonForm
from journal.models import Interaction, Person
from journal.views import with_categories, with_days
from patterns.basics import crossed_lines
from patterns.chats import chat_section
from patterns.models import Decision
from patterns.people import crumb_span, person_patterns, recent_rows
from patterns.weekly import person_charts

PERSON_PAGE_ENTRIES = 20


def _get_person_for_user(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(Person.objects.for_user(request.user), pk=pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    # Each one's entry count and latest entry are kept on the row (patterns.rollups).
    people = Person.objects.for_user(request.user)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, f"Added {person.name}.")
        return redirect("journal-person", person.pk)
    return render(request, "journal/people.html", {"people": people, "form": form, "nav": "people"})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for_user(request, pk)
    entries = with_days(
        list(
            with_categories(Interaction.objects.for_user(request.user).filter(person=person))[
                :PERSON_PAGE_ENTRIES
            ]
        )
    )
    now = timezone.now()
    recent = recent_rows(request.user, person, now)  # 2 queries, for the patterns
    decisions = list(Decision.objects.for_user(request.user).filter(person=person))  # 1 query
    charts = person_charts(request.user, person, recent, now, decisions)  # 1 query
    shown = frozenset(entry.pk for entry in entries)
    rows = recent.get(person.pk, [])
    patterns = person_patterns(rows, request.user.tz, now, shown)
    context = {"person": person, "entries": entries, "patterns": patterns, "nav": "people"}
    context["person_charts"] = charts
    context["chats"] = chat_section(request.user, person)  # 1 query
    # The lines they crossed: 1-3 queries.
    context["crossed"] = crossed_lines(request.user, {person.pk: person.name}, now, person).get(
        person.pk, []
    )
    context["decisions"] = decisions
    # Their latest word was a clear answer, or the writer's was a step back: say so,
    # rather than offer to ask for clarity.
    if entries:
        lead = f"Your latest entry with {person.name} reads as a clear answer."
        context["answered"] = clear_note(entries[0], clarity_answer_url(), lead)
        if not context["answered"]:
            lead = f"Your latest entry with {person.name} sounds like you're the one stepping back."
            context["stepping_back"] = pulling_note(entries[0], pulling_away_url(), lead)
    if patterns["crumbs"] is not None:
        context.update(
            crumb_person=person, crumb_ratio=patterns["crumbs"], crumb_span=crumb_span(rows, now)
        )
    return render(request, "journal/person.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for_user(request, pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("journal-person", person.pk)
    return render(
        request, "journal/person_edit.html", {"form": form, "person": person, "nav": "people"}
    )


@login_required
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person_for_user(request, pk)
    if request.method == "POST":
        person.delete()
        messages.success(request, f"Deleted {person.name} and every entry about them.")
        return redirect("journal-people")
    count = Interaction.objects.for_user(request.user).filter(person=person).count()
    return render(
        request, "journal/person_delete.html", {"person": person, "count": count, "nav": "people"}
    )

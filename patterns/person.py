"""The person page: their patterns, charts, basics crossed, decisions and chats."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from journal.cards import clarity_answer_url, clear_note, pulling_away_url, pulling_note
from journal.lookups import get_person_for_user, with_categories, with_days
from journal.models import Decision, Interaction
from patterns.basics import crossed_lines
from patterns.chat_section import chat_section
from patterns.person_patterns import crumb_span, person_patterns, recent_rows
from patterns.weekly import person_charts

PERSON_PAGE_ENTRIES = 20


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
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
    return render(request, "patterns/person.html", context)

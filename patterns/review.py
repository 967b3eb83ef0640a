"""Views for the basics a person sets while calm, and the weekly review."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from journal.models import Basic, Choice, Decision, Line, Person
from patterns.basics import crossed_lines
from patterns.review_forms import BasicForm, DecisionForm

REVIEW_DAYS = 7


def _get_basic_for_user(request: HttpRequest, pk: int) -> Basic:
    return get_object_or_404(Basic.objects.for_user(request.user), pk=pk)


def _get_decision_for_user(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(Decision.objects.for_user(request.user), pk=pk)


@login_required
def basics(request: HttpRequest) -> HttpResponse:
    form = BasicForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        basic = form.save()
        messages.success(request, f"Saved your line: {basic.sentence}.")
        return redirect("patterns-basics")
    lines = Basic.objects.for_user(request.user).select_related("person")
    return render(request, "patterns/basics.html", {"form": form, "lines": lines, "nav": "account"})


@login_required
@require_POST
def basic_delete(request: HttpRequest, pk: int) -> HttpResponse:
    basic = _get_basic_for_user(request, pk)
    basic.delete()
    messages.success(request, "Removed that line.")
    return redirect("patterns-basics")


def review_queue(user, now) -> list[tuple[Person, list]]:
    """The people to review this week: signs or crossed lines in the last REVIEW_DAYS,
    and no decision since. 4 queries at most."""
    since = now - timedelta(days=REVIEW_DAYS)
    people = Person.objects.for_user(user).active()
    names = {p.pk: p.name for p in people}
    crossed = crossed_lines(user, names, now)
    signed = set(
        people.filter(
            interactions__deleted__isnull=True,
            interactions__occurred_at__gte=since,
            interactions__categories__active=True,
        ).values_list("pk", flat=True)
    )
    done = set(
        Decision.objects.for_user(user).filter(decided__gte=since).values_list("person", flat=True)
    )
    wanted = (signed | set(crossed)) - done
    return [(p, crossed.get(p.pk, [])) for p in people if p.pk in wanted]


@login_required
def review(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    queue = review_queue(request.user, now)
    if not queue:
        return render(request, "patterns/review.html", {"nav": "patterns"})
    person, crossed = queue[0]
    form = DecisionForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        decision = form.save()
        messages.success(request, f"Saved your decision about {person.name}.")
        if decision.choice == Choice.CLARITY:
            return redirect("guidance-clarity", person.pk)
        if decision.choice == Choice.END:
            return redirect(f"{reverse('guidance-messages')}?{urlencode({'name': person.name})}")
        return redirect("patterns-review")
    context = {"person": person, "crossed": crossed, "form": form, "left": len(queue) - 1}
    # What they said they need, in their own words, for everyone or for this person.
    context["own_words"] = [
        b.words
        for b in Basic.objects.for_user(request.user).filter(line=Line.OWN_WORDS)
        if b.person_id in (None, person.pk)
    ]
    context["nav"] = "patterns"
    return render(request, "patterns/review.html", context)


@login_required
@require_POST
def decision_looked(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision_for_user(request, pk)
    decision.looked = True
    decision.save(update_fields=["looked"])
    return redirect("journal-person", decision.person_id)

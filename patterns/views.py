"""Live hints and corrections on entries. Charts live in patterns.weekly."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from journal import tuning
from journal.cards import chips
from journal.forms import EntryForm
from journal.htmx import (
    HtmxHttpRequest,
    fragment_html,
    render_fragment,
    render_page,
    vary_on_htmx,
    wants_fragment,
)
from journal.lookups import back_url, get_entry_for_user, with_categories
from journal.models import Tuning
from journal.signs import facts_for, record_correction
from patterns.classifier import classify, clear_answer, pulling_away
from patterns.classifier.categories import BY_SLUG


@login_required
@require_POST
def hint(request: HttpRequest) -> HttpResponse:
    """What the classifier would say about the entry being typed (nothing is saved)."""
    form = EntryForm(request.POST, user=request.user)
    form.is_valid()  # Fills the instance with whatever parsed; errors don't matter here.
    entry = form.instance
    if entry.feeling is None:
        entry.feeling = 0
    found = [
        BY_SLUG[v.slug]
        for v in classify(
            entry.text or "", facts_for(entry), tuning=tuning.load(request.user.pk)
        ).values()
        if v.label
    ]
    clear = not found and clear_answer(entry.text or "")
    context = {"hint": found, "clear": clear, "pulling": pulling_away(entry.text or "")}
    return render(request, "patterns/_hint.html", context)


@login_required
@require_POST
def correct_category(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add or remove a category on an entry. The person's call always wins."""
    entry = get_entry_for_user(request, pk)
    category = request.POST.get("category", "")
    present = request.POST.get("present") == "1"
    known = category in BY_SLUG
    if known:
        record_correction(entry, category, present)
    if wants_fragment(request):
        entry = with_categories(type(entry).objects.filter(pk=entry.pk)).get()
        # The keyboard stays with the chips: on the sign just added, or on "Add a sign".
        html = chips(entry, request, focus=category if known and present else "add")
        if known:
            label = BY_SLUG[category].label
            done = f"Sign added: {label}." if present else f"Sign removed: {label}."
            html += fragment_html("journal/log.html", {"status": done}, partial="status")
        return vary_on_htmx(HttpResponse(html))
    return redirect(back_url(request, entry))


@login_required
def learning(request: HtmxHttpRequest) -> HttpResponse:
    """How many corrections the account's own adjustment has learned from, and a way to
    start again. The account page loads the panel with htmx; without it, it links here."""
    row = Tuning.objects.filter(user=request.user).only("corrections", "user").first()
    context = {"corrections": row.corrections if row else 0}
    return render_page(request, "patterns/learning.html", context, partial="panel")


@login_required
@require_POST
def forget_learning(request: HtmxHttpRequest) -> HttpResponse:
    """Delete what the account's corrections taught: signs come from the shared model again."""
    tuning.forget(request.user)
    if wants_fragment(request):
        context = {
            "corrections": 0,
            "status": "Almost has forgotten what it learned from your corrections.",
        }
        return render_fragment(request, "patterns/learning.html", context, partial="panel")
    messages.success(request, "Almost has forgotten what it learned from your corrections.")
    return redirect("accounts-settings")

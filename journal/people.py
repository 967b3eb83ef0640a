"""Views for the people a user logs interactions with."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from journal.forms import PersonForm
from journal.lookups import get_person_for_user
from journal.models import Interaction, Person


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    # Each one's entry count and latest entry are kept on the row (journal.rollups).
    people = Person.objects.for_user(request.user)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, f"Added {person.name}.")
        return redirect("journal-person", person.pk)
    return render(request, "journal/people.html", {"people": people, "form": form, "nav": "people"})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
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
    person = get_person_for_user(request, pk)
    if request.method == "POST":
        person.delete()
        messages.success(request, f"Deleted {person.name} and every entry about them.")
        return redirect("journal-people")
    count = Interaction.objects.for_user(request.user).filter(person=person).count()
    return render(
        request, "journal/person_delete.html", {"person": person, "count": count, "nav": "people"}
    )

from django.contrib import admin

from journal.models import EntryCategory, Interaction, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "relationship", "archived"]
    list_filter = ["relationship", "archived"]
    search_fields = ["name", "user__username"]
    raw_id_fields = ["user"]
    exclude = ["notes"]  # sealed: what people write stays out of the admin


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    # Only counts and dates in lists: what people wrote stays out of the overview.
    list_display = ["person", "user", "occurred_at", "channel", "feeling", "deleted"]
    list_filter = ["channel", "feeling"]
    list_select_related = ["person", "user"]
    date_hierarchy = "occurred_at"
    raw_id_fields = ["user", "person"]
    search_fields = ["person__name", "user__username"]
    exclude = ["text"]  # sealed: what people write stays out of the admin


@admin.register(EntryCategory)
class EntryCategoryAdmin(admin.ModelAdmin):
    list_display = ["interaction", "category", "score", "source", "active"]
    list_filter = ["category", "source", "active"]
    raw_id_fields = ["interaction"]
    exclude = ["reasons"]  # reasons from an old export could quote the entry

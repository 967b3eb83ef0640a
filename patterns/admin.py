from django.contrib import admin

from patterns.models import EntryCategory


@admin.register(EntryCategory)
class EntryCategoryAdmin(admin.ModelAdmin):
    list_display = ["interaction", "category", "score", "source", "active"]
    list_filter = ["category", "source", "active"]
    raw_id_fields = ["interaction"]
    exclude = ["reasons"]  # reasons from an old export could quote the entry

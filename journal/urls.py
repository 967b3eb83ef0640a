from django.urls import path

from journal import offline, people, views

urlpatterns = [
    path("", views.log, name="journal-log"),
    path("entries/new/", views.entry_create, name="journal-entry-create"),
    path("entries/send/", offline.entry_send, name="journal-entry-send"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="journal-entry-edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="journal-entry-delete"),
    path("entries/<int:pk>/restore/", views.entry_restore, name="journal-entry-restore"),
    path("trash/", views.trash, name="journal-trash"),
    path("people/", people.person_list, name="journal-people"),
    path("people/<int:pk>/edit/", people.person_edit, name="journal-person-edit"),
    path("people/<int:pk>/delete/", people.person_delete, name="journal-person-delete"),
    path("offline/", offline.offline_page, name="journal-offline"),
    # At the root: a service worker controls the pages under the folder it comes from.
    path("sw.js", offline.service_worker, name="journal-service-worker"),
    path("manifest.webmanifest", offline.manifest, name="journal-manifest"),
]

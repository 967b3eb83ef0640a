from django.urls import path

from guidance import clarity, views

urlpatterns = [
    path("", views.index, name="guidance-index"),
    path("messages/", views.messages, name="guidance-messages"),
    path("clarity/<int:pk>/", clarity.ask, name="guidance-clarity"),
    path("signs/<slug:slug>/", views.category, name="guidance-category"),
    path("<slug:slug>/", views.page, name="guidance-page"),
]

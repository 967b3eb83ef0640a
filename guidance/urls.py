from django.urls import path

from guidance import views

urlpatterns = [
    path("", views.index, name="guidance-index"),
    path("signs/<slug:slug>/", views.category, name="guidance-category"),
    path("<slug:slug>/", views.page, name="guidance-page"),
]

from django.urls import path

from patterns import views, weekly

urlpatterns = [
    path("", weekly.weekly, name="patterns-weekly"),
    path("week/", weekly.week_entries, name="patterns-week"),
    path("hint/", views.hint, name="patterns-hint"),
    path("entries/<int:pk>/categories/", views.correct_category, name="patterns-correct"),
    path("learning/", views.learning, name="patterns-learning"),
    path("learning/forget/", views.forget_learning, name="patterns-learning-forget"),
]

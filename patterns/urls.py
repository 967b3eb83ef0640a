from django.urls import path

from patterns import review, views, weekly

urlpatterns = [
    path("", weekly.weekly, name="patterns-weekly"),
    path("week/", weekly.week_entries, name="patterns-week"),
    path("hint/", views.hint, name="patterns-hint"),
    path("entries/<int:pk>/categories/", views.correct_category, name="patterns-correct"),
    path("learning/", views.learning, name="patterns-learning"),
    path("learning/forget/", views.forget_learning, name="patterns-learning-forget"),
    path("basics/", review.basics, name="patterns-basics"),
    path("basics/<int:pk>/delete/", review.basic_delete, name="patterns-basic-delete"),
    path("review/", review.review, name="patterns-review"),
    path("decisions/<int:pk>/looked/", review.decision_looked, name="patterns-decision-looked"),
]

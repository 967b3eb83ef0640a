from django.urls import path

from portability import views

urlpatterns = [
    path("", views.chat_upload, name="portability-chat"),
    path("preview/", views.chat_preview, name="portability-chat-preview"),
    path("confirm/", views.chat_confirm, name="portability-chat-confirm"),
]

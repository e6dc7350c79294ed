# SPDX-License-Identifier: MIT
"""chat/urls.py of the tutorial: the lobby and one page per room."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:room_name>/", views.room, name="room"),
]

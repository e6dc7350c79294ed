# SPDX-License-Identifier: MIT
"""mysite/urls.py of the tutorial: the chat app under /chat/, and Django's admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("chat/", include("chat.urls")),
    path("admin/", admin.site.urls),
]

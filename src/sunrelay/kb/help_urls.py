from django.urls import path

from sunrelay.kb import help_views

app_name = "help"
urlpatterns = [
    path("", help_views.home, name="home"),
    path("<slug:slug>/", help_views.article, name="article"),
    path("<slug:slug>/feedback/", help_views.feedback, name="feedback"),
]

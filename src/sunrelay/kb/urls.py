from django.urls import path

from sunrelay.kb import views

app_name = "kb"
urlpatterns = [
    path("kb/", views.article_list, name="articles"),
    path("kb/new/", views.article_new, name="article_new"),
    path("kb/<slug:slug>/", views.article_detail, name="article"),
    path("kb/<slug:slug>/edit/", views.article_edit, name="article_edit"),
    path("kb/<slug:slug>/diff/", views.article_diff, name="article_diff"),
    path("macros/", views.macro_list, name="macros"),
    path("macros/new/", views.macro_new, name="macro_new"),
    path("macros/<int:pk>/", views.macro_edit, name="macro_edit"),
    path("macros/<int:pk>/delete/", views.macro_delete, name="macro_delete"),
]

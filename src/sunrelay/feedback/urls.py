from django.urls import path

from sunrelay.feedback import edit_views, views

app_name = "feedback"
urlpatterns = [
    path("", views.themes, name="themes"),
    path("themes/new/", edit_views.new_theme, name="new_theme"),
    path("themes/<int:pk>/", views.theme, name="theme"),
    path("themes/<int:pk>/status/", edit_views.status, name="status"),
    path("themes/<int:pk>/notice/", edit_views.send_notice, name="notice"),
    path("items/", views.items, name="items"),
    path("items/new/", edit_views.capture, name="capture"),
    path("items/import/", edit_views.import_items, name="import"),
    path("items/<int:pk>/theme/", edit_views.link, name="link"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/refresh/", edit_views.refresh, name="refresh"),
    path("suggestions/<int:pk>/", edit_views.decide, name="decide"),
    path("export.<str:fmt>", views.export, name="export"),
    path("share/", edit_views.share, name="share"),
    path("share/<int:pk>/revoke/", edit_views.unshare, name="unshare"),
]

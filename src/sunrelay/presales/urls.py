from django.urls import path

from sunrelay.presales import checklist_views, edit_views, import_views, views

app_name = "presales"
urlpatterns = [
    path("opportunities/", views.opportunity_list, name="list"),
    path("opportunities/new/", edit_views.opportunity_new, name="new"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("opportunities/<int:pk>/edit/", edit_views.opportunity_edit, name="edit"),
    path("opportunities/<int:pk>/unconfirm/", edit_views.unconfirm, name="unconfirm"),
    path("opportunities/checklist/", checklist_views.checklist, name="checklist"),
    path("opportunities/import/", import_views.crm_import_page, name="crm_import"),
    path(
        "opportunities/checklist/<int:pk>/", checklist_views.checklist_item, name="checklist_item"
    ),
    path(
        "opportunities/checklist/<int:pk>/move/",
        checklist_views.checklist_move,
        name="checklist_move",
    ),
    path("opportunities/<int:pk>/confirm/", edit_views.confirm, name="confirm"),
    path("opportunities/<int:pk>/request/", edit_views.se_request, name="request"),
    path("opportunities/<int:pk>/assign/", edit_views.assign, name="assign"),
    path("opportunities/<int:pk>/threshold/", edit_views.threshold, name="threshold"),
    path("opportunities/<int:pk>/engagements/", edit_views.engagement_new, name="engagement"),
    path("opportunities/<int:pk>/technical/", edit_views.technical, name="technical"),
    path("opportunities/<int:pk>/close/", edit_views.close, name="close"),
    path("engagements/<int:pk>/feedback/", edit_views.feedback, name="feedback"),
    path("accounts/<int:pk>/opportunities/", views.account_panel, name="account_panel"),
]

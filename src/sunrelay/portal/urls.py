from django.urls import path

from sunrelay.portal import form_views, signin_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", signin_views.sign_in, name="sign_in"),
    path("sign-in/<str:token>/", signin_views.sign_in_link, name="sign_in_link"),
    path("sign-out/", signin_views.sign_out, name="sign_out"),
    path("tickets/<int:ticket_id>/", views.ticket, name="ticket"),
    path("tickets/<int:ticket_id>/reply/", views.reply, name="reply"),
    path("files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    # The web form: public, embeddable (form_views says why it goes without a CSRF cookie).
    path("new/", form_views.new_request, name="new_request"),
    path("new/suggest/", form_views.suggest, name="suggest"),
    path("new/read/<slug:slug>/", form_views.read_article, name="read_article"),
    path("confirm/<str:token>/", form_views.confirm, name="confirm"),
]

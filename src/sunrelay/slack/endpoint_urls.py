from django.urls import path

from sunrelay.slack import endpoint_views

app_name = "slack_endpoints"
urlpatterns = [
    path("events/", endpoint_views.events, name="events"),
    path("interactions/", endpoint_views.interactions, name="interactions"),
]

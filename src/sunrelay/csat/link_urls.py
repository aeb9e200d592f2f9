from django.urls import path

from sunrelay.csat import link_views

app_name = "csat"
urlpatterns = [path("<str:token>/", link_views.rate, name="rate")]

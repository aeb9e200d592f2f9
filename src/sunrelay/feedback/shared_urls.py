from django.urls import path

from sunrelay.feedback import views

app_name = "feedback_shared"
urlpatterns = [path("<str:token>/", views.shared, name="themes")]

from django.urls import path

from members.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobListView.as_view(), name="list"),
    path("<uuid:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("<uuid:pk>/status.json", views.job_status, name="status"),
    path("<uuid:pk>/download/", views.job_download, name="download"),
]

from django.urls import path

from posts.plaques import views

urlpatterns = [
    path("plaques/", views.PlaqueRegisterView.as_view(), name="plaque_register"),
    path("plaques/verify/<str:code>/", views.plaque_verify, name="plaque_verify"),
    path("plaques/verify/<str:code>/qr.svg", views.plaque_qr, name="plaque_qr"),
    path("staff/plaques/", views.PlaqueOverviewView.as_view(), name="plaque_overview"),
    path("staff/plaques/applications/", views.PlaqueApplicationListView.as_view(), name="plaque_application_list"),
    path("staff/plaques/apply/", views.PlaqueApplyView.as_view(), name="plaque_apply"),
    path("staff/plaques/applications/<int:pk>/", views.PlaqueApplicationDetailView.as_view(), name="plaque_application"),
    path("staff/plaques/applications/<int:pk>/review/", views.PlaqueReviewView.as_view(), name="plaque_review"),
    path("staff/plaques/applications/<int:pk>/withdraw/", views.PlaqueWithdrawView.as_view(), name="plaque_withdraw"),
]

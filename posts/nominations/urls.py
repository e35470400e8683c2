from django.urls import path

from posts.nominations import views

urlpatterns = [
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("rounds/<int:pk>/close/", views.CloseRoundView.as_view(), name="round_close"),
    path("nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination_detail"),
    path("nominations/<int:pk>/change/", views.ChangeNominationView.as_view(), name="nomination_change"),
    path("nominations/<int:pk>/withdraw/", views.WithdrawNominationView.as_view(), name="nomination_withdraw"),
]

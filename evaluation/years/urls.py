from django.urls import path

from evaluation.years import views

Y = "evaluation/<int:year>/"

urlpatterns = [
    path("evaluation/", views.YearListView.as_view(), name="year_list"),
    path("evaluation/new/", views.YearCreateView.as_view(), name="year_create"),
    path(Y, views.YearDetailView.as_view(), name="year_detail"),
    path(Y + "phase/<slug:step>/", views.PhaseView.as_view(), name="phase"),
    path(Y + "rules/", views.RulesView.as_view(), name="rules"),
    path(Y + "criteria/", views.CriteriaView.as_view(), name="criteria"),
    path(Y + "criteria/<int:pk>/", views.CriterionEditView.as_view(), name="criterion_edit"),
]

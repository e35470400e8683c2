"""The evaluation's one URL entry: each job's patterns in one namespace, names and paths as they always were.

The lists are joined rather than include()d so `urlpatterns` stays one flat list every test can walk.
"""

from evaluation.quarters.urls import urlpatterns as quarters
from evaluation.results.urls import urlpatterns as results
from evaluation.review.urls import urlpatterns as review
from evaluation.sources.urls import urlpatterns as sources
from evaluation.vote.urls import urlpatterns as vote
from evaluation.years.urls import urlpatterns as years

app_name = "evaluation"

urlpatterns = [*years, *quarters, *sources, *review, *vote, *results]

"""The benchmark's SQL aggregate gives the same scores as the evaluation code, to the cent (PostgreSQL only)."""

import pytest

from benchmarks.city import CITY, build_city
from benchmarks.yearend import python_scores, sql_scores
from evaluation.models import EvaluationYear, Phase


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_one_sql_statement_scores_the_year_as_the_python_code_does():
    build_city(seed=11, districts=2, sizes=CITY.scaled(0.02))
    year = EvaluationYear.objects.get(phase=Phase.PUBLISHED)

    assert sql_scores(year) == python_scores(year)

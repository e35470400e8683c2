"""The year's history notes read in the reader's language, whoever wrote them."""

from django.utils import translation

from evaluation.models import Phase
from evaluation.years.services import update_rules
from members import audit


def _reasons(year, action):
    return [e for e in audit.entries_for(year) if e.action == action]


def test_the_criteria_frozen_note_reads_in_english_and_chinese(make_year, window_a):
    with translation.override("zh-hans"):
        year = make_year(Phase.ASSESSMENT)
    entry = _reasons(year, "evaluation.year.assessment")[0]
    with translation.override("en"):
        assert (entry.reason, entry.action_label, entry.to_label) == (
            "Criteria frozen.", "Assessment opened, criteria frozen", "Year-end assessment")
    with translation.override("zh-hans"):
        assert (entry.reason, entry.to_label) == ("考核标准已冻结。", "年终考评")


def test_a_rules_change_names_the_fields_not_their_codes(make_year, committee_staff):
    year = make_year()
    with translation.override("en"):
        update_rules(committee_staff, year=year, weight_self=5, weight_peer=25)
    entry = _reasons(year, "evaluation.rules.changed")[0]
    with translation.override("zh-hans"):
        assert entry.reason == "修改了：述岗自评权重（%）、互评权重（%）"
    with translation.override("en"):
        assert entry.reason == "Changed: weight of self-assessment (%), weight of peer review (%)"

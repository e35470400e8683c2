from django import template

from evaluation.models.quarters import quarter_name as _quarter_name

register = template.Library()


@register.filter
def quarter_name(quarter):
    """A quarter in words (第一季度, first quarter), not "Q1"."""
    return _quarter_name(quarter)

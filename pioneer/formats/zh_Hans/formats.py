# Django's own zh_Hans module displays "2026年3月5日" but its input formats reject it.
DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-03-05
    "%Y年%m月%d日",  # 2026年3月5日
    "%Y/%m/%d",  # 2026/03/05
    "%Y.%m.%d",  # 2026.03.05
    "%Y%m%d",  # 20260305
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

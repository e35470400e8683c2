DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]
# A 24-hour clock, as in Chinese: "Dec. 9, 2026, 09:00" (Django's default ends "9 a.m." and a sentence after it ends "a.m..").
DATETIME_FORMAT = "N j, Y, H:i"

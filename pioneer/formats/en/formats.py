DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]

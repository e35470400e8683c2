"""The demo district's names: organisations, the pools members are drawn from, and the demo logins."""

from members.models import Role

DEMO_PASSWORD = "Pioneer-2026"
COMMITTEE = ("YZ", "鄞州区直机关党工委")

# (code, unit name, number of branches): 11 units with two branches and 8 with one make 30.
UNITS = [
    ("XZSP", "区行政审批服务管理办公室党组", 2),
    ("GA", "区公安分局党委", 2),
    ("SWJ", "区税务局党委", 2),
    ("SCJG", "区市场监督管理局党委", 2),
    ("RSJ", "区人力资源和社会保障局党委", 2),
    ("YBJ", "区医疗保障局党组", 2),
    ("ZJJ", "区住房和城乡建设局党委", 2),
    ("ZRZY", "区自然资源和规划分局党组", 2),
    ("MZJ", "区民政局党组", 2),
    ("WJJ", "区卫生健康局党委", 2),
    ("JYJ", "区教育局党委", 2),
    ("SFJ", "区司法局党组", 1),
    ("CZJ", "区财政局党组", 1),
    ("JTJ", "区交通运输局党委", 1),
    ("NYJ", "区农业农村局党组", 1),
    ("SWU", "区商务局党组", 1),
    ("WGLT", "区文化广电旅游体育局党组", 1),
    ("TYJR", "区退役军人事务局党组", 1),
    ("FGJ", "区发展和改革局党组", 1),
]
BRANCH_NAMES = ["第一党支部", "第二党支部"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪石金"
GIVEN = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
    "刚", "桂英", "建华", "文", "华", "玲", "志强", "红梅", "海燕", "晓东", "雪", "宇", "浩然", "子涵", "欣怡", "梓萱",
    "俊杰", "思远", "佳怡", "晨曦", "一鸣", "丹", "亮", "婷", "斌", "琳", "鹏", "颖", "峰", "倩",
]
POSITIONS = ["科员", "副主任科员", "主任科员", "科长", "副科长", "办事员", "窗口负责人", "综合科科长", "业务骨干", "四级主任科员", "三级主任科员", "一级科员"]
TITLES = ["", "", "助理经济师", "经济师", "会计师", "工程师", "高级工程师", "律师", "主治医师", "中级社工师"]
SPECIALTIES = [
    "政策咨询", "窗口服务", "材料审核", "法律法规", "财务会计", "社保经办", "医保结算", "户籍办理", "出入境办理",
    "税费申报", "企业登记", "食品安全", "不动产登记", "规划审批", "建筑施工", "社会救助", "婚姻登记", "医疗卫生",
    "教育管理", "信息化", "档案管理", "文字写作", "群众工作", "调解纠纷", "外语", "手语", "普通话", "驾驶", "统计分析",
]
QUALIFICATIONS = ["", "", "法律职业资格", "会计从业资格", "注册会计师", "社会工作者职业资格", "计算机二级", "普通话二级甲等", "执业医师资格", "注册建造师"]
EDUCATION_WEIGHTS = [("master", 18), ("bachelor", 62), ("college", 15), ("doctorate", 2), ("secondary", 3)]

# Demo logins, listed in the README. Each is (username, full name, role kind, organisation code or None).
LOGINS = [
    ("admin", "系统管理员", None, None),
    ("committee", "区直机关党工委 周文", Role.Kind.COMMITTEE_STAFF, "YZ"),
    ("unit", "审批办党组 陈静", Role.Kind.UNIT_SECRETARY, "XZSP"),
    ("secretary", "审批办第一党支部书记 王建华", Role.Kind.BRANCH_SECRETARY, "XZSP-1"),
    ("secretary2", "公安分局第一党支部书记 刘强", Role.Kind.BRANCH_SECRETARY, "GA-1"),
    ("member", None, None, None),  # linked to the first member of XZSP-1
]

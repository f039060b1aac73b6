"""The patterns the importer reads newspaper text with, as data: bylines, datelines, photo
credits and captions, subhead numbering, page furniture, kicker labels and the characters
that tell simplified from traditional script.

Every pattern is anchored and bounded (no nested unbounded repetition), and the readers
only apply the end-anchored ones to the last ``TAIL`` characters of a text, so reading
stays linear in the size of the input.
"""

from __future__ import annotations

import re

#: End-anchored patterns look at most this many characters from the end of a text; only
#: lines at most this long can be byline, credit or dateline lines.
TAIL = 80
#: Longest line that can be a headline, kicker, subheadline or banner.
TITLE_MAX = 40
#: Longest line that can be an in-article subhead (小标题).
SUBHEAD_MAX = 30
#: Longest clause (between commas) of a headline or subhead.
TITLE_CLAUSE_MAX = 16
#: Longest caption, credit excluded.
CAPTION_MAX = 300
#: Only lines at most this long can be page furniture.
FURNITURE_MAX = 80

SENTENCE_FINAL = "。！？!?…"
CLOSING_MARKS = "”’」』）)】〕》"
#: Marks no paragraph starts with: a line starting with one continues the paragraph before.
NO_PARAGRAPH_START = "，。、；：！？）》」』】〕”’…,.;:!?)%％"
#: Clause punctuation inside headlines (allowed, but each clause is short).
CLAUSE_MARKS = "，,；;：:"
#: Marks a headline or subhead does not end with.
NO_TITLE_END = "。…、：:；;，,（(“‘「『《【"
#: Leading marks of a subheadline (副题) line.
DASHES = ("——", "—", "－－", "--", "―", "──")
#: Opening marks of a quotation or list item: a paragraph ending in ： before one of these
#: is complete.
OPENS_QUOTE = "“「『‘\"'"

SP = r"[ \u3000\u00a0]"
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_LABEL_WORDS = (r"手记|手記|观察|觀察|调查|調查|探访|探訪|体验|體驗|札记|札記|笔记|筆記|来信|來信|"
                r"连线|連線|视角|視角|专访|專訪|日记|日記|眼中|眼里|眼裡|走基层|走基層|节|節|证|證|"
                r"站|会|會|团|團|队|隊|们|們")
#: A person's name: 2-4 ideographs, a two-character name padded with a space (王　浩), or a
#: transliterated name with a middle dot.
NAME = (rf"(?!本报|本報|新华社|新華社|中新社|特约|特約|实习|實習|见习|見習|首席|摄影|攝影|"
        rf"记者|記者|通讯员|通訊員)"
        rf"(?:{HAN}{{1,8}}[·•・]{HAN}{{1,8}}|{HAN}{SP}{HAN}|{HAN}{{2,4}})")
_ORG = (r"(?:本报|本報|本刊|[\u4e00-\u9fff]{1,8}?(?:日报|日報|晚报|晚報|时报|時報|商报|商報|"
        r"报|報|社|网|網|台|视|視))")
_MOD = (r"(?:特约|特約|实习|實習|见习|見習|首席|资深|資深|摄影|攝影|驻[\u4e00-\u9fff]{1,6}?|"
        r"駐[\u4e00-\u9fff]{1,6}?)")
_ROLE_WORD = r"(?:记者|記者|通讯员|通訊員|实习生|實習生|撰稿人|评论员|評論員)"
#: The role before a name in a byline or credit: 本报记者, 新华社记者, 本报驻江西记者, 通讯员 …
ROLE = rf"(?:{_ORG}?{_MOD}{{0,2}}{_ROLE_WORD}(?!{_LABEL_WORDS}))"
PEOPLE = rf"{NAME}(?:(?:{SP}+|{SP}*[、，,/／]{SP}*)(?:{ROLE}{SP}*[:：]?{SP}*)?{NAME}){{0,8}}"
_SIGNED = rf"(?:{ROLE}{SP}*[:：]?{SP}*)?{PEOPLE}"
_BULLET = r"[■□●◆▲◎★☆▶►]"

#: A bare personal name (the byline of a signed article, 王建国): a common surname first.
SURNAMES = ("王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許"
            "韩韓冯馮邓鄧曹彭曾肖田董袁潘蒋蔣蔡杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸"
            "汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔"
            "邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶"
            "章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴"
            "霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時"
            "穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛"
            "米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞"
            "敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶"
            "奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹"
            "井祖漆巴丰支卿国國狄平计計索宣晋晉相初门門云容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍"
            "辜羊阿乌烏母裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾"
            "茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由")
BARE_NAME = re.compile(rf"[{SURNAMES}](?:{SP}{HAN}|{HAN}{{1,2}})")

#: A byline without a name: 本报评论员, 本报特约评论员.
UNSIGNED = r"(?:本报|本報|[\u4e00-\u9fff]{1,6}?(?:报|報))(?:特约|特約)?(?:评论员|評論員)"
UNSIGNED_LINE = re.compile(rf"(?:{_BULLET}{SP}*)?{UNSIGNED}")
#: A line that is only a byline: 本报记者 张三 通讯员 李四, ■記者 李詠琪, 文/张三, □ 王志强.
BYLINE_LINE = re.compile(
    rf"(?:{_BULLET}{SP}*)?"
    rf"(?:[（(]{SP}*{ROLE}{SP}*[:：/／]?{SP}*{PEOPLE}"
    rf"(?:{SP}+{ROLE}{SP}*[:：]?{SP}*{PEOPLE}){{0,4}}{SP}*[）)]"
    rf"|{ROLE}{SP}*[:：/／]?{SP}*{PEOPLE}(?:{SP}+{ROLE}{SP}*[:：]?{SP}*{PEOPLE}){{0,4}}"
    rf"|(?:文|图|圖|文/图|文／图|文·图|图文|圖文|撰文){SP}*[/／|｜:：]{SP}*{PEOPLE}"
    rf"|{_BULLET}{SP}*[{SURNAMES}](?:{SP}{HAN}|{HAN}{{1,2}})"
    rf"|{UNSIGNED})")

_PAREN = r"[（(][^（）()。，,]{1,60}[）)]"
_REPORTED = rf"(?:{SP}*{ROLE}{SP}*{PEOPLE}){{1,4}}{SP}*(?:报道|報道)[：:]?"
_DATE = r"(?:\d{1,2}月\d{1,2}日)"
_PLACE = r"(?:(?!记者|記者|通讯员|通訊員)[\u4e00-\u9fff]){2,8}?"

#: Run-in bylines and datelines at the start of an article's first paragraph, in the order
#: they are tried: (rule, pattern with groups ``dateline`` and ``byline``).
RUN_IN: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p)) for name, p in (
    ("run-in byline", rf"(?P<byline>[【\[]?{SP}*(?:本报|本報|"
                      rf"[\u4e00-\u9fff]{{1,8}}?(?:报|報|网|網))"
                      rf"[讯訊]{SP}*[】\]]?(?:{SP}*{_PAREN}|{_REPORTED})?)(?P<dateline>)"),
    ("dateline", rf"(?P<dateline>(?:本报|本報|新华社|新華社|中新社|中新网|中新網|人民网|"
                 rf"人民網|新华网|新華網|央视网|央視網|中通社|[\u4e00-\u9fff]{{2,8}}?(?:日报|日報|报|報|社))(?:{_PLACE})?"
                 rf"(?:{_DATE}(?:电|電)|(?:电|電)(?={SP}|[（(])))(?:{SP}*(?P<byline>{_PAREN}|{_REPORTED}))?"),
    ("dateline", r"(?P<dateline>据(?:新华社|中新社)电|據(?:新華社|中新社)電)(?P<byline>)"),
    ("dateline", r"(?P<dateline>[（(](?:中央社|中央社記者|中央社记者)[^（）()]{0,30}(?:電|电)[）)])"
                 r"(?P<byline>)"),
    ("run-in byline", r"(?P<byline>[〔【［\[][^〔〕【】［］\[\]。，]{1,30}?"
                      r"(?:報導|报导|報道|报道|社|訊|讯)[〕】］\]])(?P<dateline>)"),
    ("run-in byline", rf"(?P<byline>[（(]{SP}*{ROLE}{SP}*{PEOPLE}"
                      rf"(?:{SP}+{ROLE}?{SP}*{PEOPLE}){{0,3}}{SP}*[）)])(?P<dateline>)"),
))

_AGENCY = (r"(?:新华社|新華社|中新社|中通社|人民视觉|人民視覺|视觉中国|視覺中國|路透社|法新社|"
           r"美联社|美聯社|东方IC|東方IC|IC\s?photo|CFP|资料图片|資料圖片)")
_TAKEN = r"(?:摄影报道|攝影報道|摄|攝)"
_CREDIT_BODY = (
    rf"(?:{_SIGNED}{SP}*{_TAKEN}(?:{SP}*[（(]{_AGENCY}[^（）()]{{0,10}}[）)])?"
    rf"|(?:新华社|新華社|中新社|本报|本報)(?:记者|記者)?{SP}*(?:{PEOPLE}{SP}*)?(?:发|發)"
    rf"(?:{SP}*[（(]{PEOPLE}{SP}*{_TAKEN}[）)])?"
    rf"|(?:受访者|受訪者|受访单位|受訪單位|[\u4e00-\u9fff]{{2,10}}?){SP}*(?:供图|供圖)"
    rf"|(?:以上|上述|本组|本組|组图|組圖)?(?:图片|圖片|照片)(?:均|皆|除署名外均|除署名外皆)?(?:为|為|由|系)"
    rf"[^。，]{{1,30}}?(?:{_TAKEN}|提供|供图|供圖|发|發)"
    rf"|(?:图|圖|摄影|攝影){SP}*[/／|｜:：]{SP}*(?:{PEOPLE}|{_AGENCY})"
    rf"|{_AGENCY}(?:图片|圖片|供图|供圖|发|發)?)")
#: A line that is only a photo credit (通讯员 葛然 摄影报道, 新华社发, 以上图片均为…提供).
CREDIT_LINE = re.compile(rf"[（(]?{SP}*{_CREDIT_BODY}{SP}*[）)]?")
#: A photo credit ending a caption: after the end of a sentence or a space, or in brackets.
CREDIT_END = re.compile(
    rf"(?:(?<=[。！？!?”’」』）)])|(?<={SP})|^){SP}*(?P<credit>{_CREDIT_BODY})$"
    rf"|(?P<paren>[（(]{SP}*{_CREDIT_BODY}{SP}*[）)])$")
#: A group credit for the pictures above (以上图片均为…摄).
GROUP_CREDIT = re.compile(r"(?:以上|上述|本组|本組|组图|組圖)(?:图片|圖片|照片)")

#: The start of a photo caption: 图①, 图1：, 上图：, 图为….
CAPTION_START = re.compile(
    rf"(?:{_BULLET}{SP}*)?(?:(?:图|圖){SP}*(?:[①-⑳]+|\d{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    rf"(?:{SP}*[：:．.、]|{SP}|(?=为|為))"
    rf"|[①-⑳]{SP}*[：:]"
    rf"|(?:上|下|左|右|中|左上|右上|左下|右下|组|組|题|題)(?:图|圖){SP}*[：:]"
    rf"|(?:图|圖)(?:为|為|中|片为|片為)"
    rf"|(?:图片说明|圖片說明){SP}*[：:]?)")

#: 编者按 and 导语 labels at the start of a paragraph; the label itself is printed by the style.
EDITOR_NOTE = re.compile(rf"[【\[]?{SP}*(?:编者按|編者按|编者的话|編者的話){SP}*[】\]]?"
                         rf"{SP}*[：:]?{SP}*")
LEAD = re.compile(rf"(?:[【\[]{SP}*(?:导语|導語|内容提要|內容提要|提要){SP}*[】\]]{SP}*[：:]?"
                  rf"|(?:导语|導語|内容提要|內容提要|提要){SP}*[：:]){SP}*")
#: A line that only marks the end of an article: （完）.
END_MARK = re.compile(r"[（(](?:完|全文完|待续|待續|未完待续|未完待續)[）)]")

#: Numbered or bulleted subheads: 一、… （二）… 3. … ■….
SUBHEAD_NUMBER = re.compile(
    rf"(?:[一二三四五六七八九十]{{1,3}}[、．.]|[（(][一二三四五六七八九十\d]{{1,3}}[）)]"
    rf"|\d{{1,2}}[、．.](?!\d)|第[一二三四五六七八九十\d]{{1,3}}(?:部分|章|节|節|篇)|{_BULLET}"
    rf"|之[一二三四五六七八九十]{{1,3}}[：:]|[①-⑳])")

#: Words that open a sentence of running text: a comma clause starting with one is not a
#: headline.
OPENERS = tuple("""
    据了解 据悉 据介绍 据统计 据测算 据报道 據了解 據悉 據介紹 據統計 近日 日前 目前 同时 同時 此外
    另外 其中 今年以来 去年以来 近年来 近年來 昨天 昨日 今天 今日 此前 随后 隨後 当天 當天 当日
    當日 然而 但是 不过 不過 因此 对此 對此 为此 為此 如今 眼下 截至 记者 記者 他说 她说 他說 她說
    他表示 她表示 例如 比如 首先 其次 最后 最後 一方面 另一方面""".split())

#: Kickers (引题) that are column labels: the line above the headline.
KICKER_LABELS = frozenset((
    "记者手记", "記者手記", "记者观察", "記者觀察", "新闻分析", "新聞分析", "新闻链接", "新聞鏈接",
    "相关链接", "相關鏈接", "延伸阅读", "延伸閱讀", "短评", "短評", "评论", "評論", "现场", "現場",
    "特写", "特寫", "专访", "專訪", "访谈", "訪談", "述评", "述評", "观察", "觀察", "权威发布",
    "權威發布", "数读", "數讀", "一线调查", "一線調查", "记者调查", "記者調查", "新春走基层",
    "新春走基層", "聚焦", "热点", "熱點", "快评", "快評", "时评", "時評", "社论", "社論", "编者按"))

# --------------------------------------------------------------------------- furniture
#: Labels of the page header's fields: (label, header field).
HEADER_LABELS: tuple[tuple[str, str], ...] = (
    ("责任编辑", "editor"), ("責任編輯", "editor"), ("本版责编", "editor"), ("本版責編", "editor"),
    ("本版编辑", "editor"), ("本版編輯", "editor"), ("责编", "editor"), ("責編", "editor"),
    ("编辑", "editor"), ("編輯", "editor"),
    ("版式设计", "designer"), ("版式設計", "designer"), ("版面设计", "designer"),
    ("版面設計", "designer"), ("美术编辑", "designer"), ("美術編輯", "designer"),
    ("视觉设计", "designer"), ("視覺設計", "designer"), ("本版美编", "designer"),
    ("美编", "designer"), ("美編", "designer"), ("版式", "designer"), ("设计", "designer"),
    ("設計", "designer"),
    ("校对", "proofreader"), ("校對", "proofreader"), ("审校", "proofreader"),
    ("審校", "proofreader"),
    ("制图", "graphics"), ("製圖", "graphics"), ("图表制作", "graphics"), ("圖表製作", "graphics"),
    ("绘图", "graphics"), ("繪圖", "graphics"),
)
#: Other people named in page furniture: the line goes to the page footer.
FOOTER_LABELS = tuple("""
    统筹 統籌 监制 監製 审读 審讀 组版 組版 图片编辑 圖片編輯 主编 主編 值班主任 策划 策劃 排版
    终审 終審 本版统筹 本版統籌""".split())
_LABELS = sorted([label for label, _ in HEADER_LABELS] + list(FOOTER_LABELS), key=len, reverse=True)
_PERSON = rf"(?!{'|'.join(_LABELS)}){NAME}"
_VALUE = rf"{_PERSON}(?:(?:{SP}+|{SP}*[、，,]{SP}*){_PERSON}){{0,5}}"
#: One ``label：names`` field of a furniture line.
FIELD = re.compile(rf"(?P<label>{'|'.join(_LABELS)}){SP}*(?:[:：]{SP}*|{SP}+)(?P<value>{_VALUE})")
#: A whole furniture line of fields: 责任编辑：张三　版式设计：李四　校对：王五.
FIELD_LINE = re.compile(rf"(?:{SP}*(?:{'|'.join(_LABELS)}){SP}*(?:[:：]{SP}*|{SP}+){_VALUE}){{1,6}}"
                        rf"{SP}*")

#: Whole lines that go to the page footer: (rule, pattern).
FOOTER_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p)) for name, p in (
    ("source", rf"(?:资料来源|資料來源|数据来源|數據來源|信息来源|信息來源){SP}*[:：].{{1,70}}"),
    ("page pictures", r"(?:本版|本頁|本页)(?:图片|圖片|照片|稿件|文字|插图|插圖)[^。]{0,40}"),
    ("contact", rf"[\u4e00-\u9fff]{{0,8}}(?:电话|電話|热线|熱線|传真|傳真|邮箱|郵箱|"
                rf"电子邮箱|電子郵箱|E-?mail|网址|網址|邮编|郵編){SP}*[:：][^。]{{1,50}}"),
    ("serial", r"(?:国内统一连续出版物号|国内统一刊号|邮发代号|CN\s*\d{2}-\d{4})[^。]{0,50}"),
))

#: Whole lines that repeat what the page header prints (date, page number, section): kept
#: out of the edition and reported.
PAGE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p)) for name, p in (
    ("date", rf"(?P<year>\d{{4}}){SP}*年{SP}*(?P<month>\d{{1,2}}){SP}*月"
             rf"{SP}*(?P<day>\d{{1,2}}){SP}*日"
             rf"(?:{SP}*[（(]?(?:星期|周|週)[一二三四五六日天][）)]?)?(?:{SP}*(?:农历|農曆)"
             rf"[\u4e00-\u9fff]{{2,8}})?"),
    ("page", rf"(?:第{SP}*)?(?P<page>[A-Za-z]?\d{{1,3}}|[一二三四五六七八九十]{{1,3}})"
             rf"{SP}*(?:版|版次)"
             rf"(?:{SP}*[:：|｜/·]?{SP}*(?P<section>[\u4e00-\u9fff]{{2,8}}))?"),
    ("page", rf"[-—－–]?{SP}*\d{{1,2}}{SP}*[-—－–]?"),
))

# --------------------------------------------------------------------------- script
#: Pairs of a simplified character and its traditional form, both frequent in news text
#: and each unambiguous (characters used in both scripts, such as 后 or 里, are left out).
SCRIPT_PAIRS = (
    "这這 个個 们們 来來 时時 会會 国國 对對 说說 为為 发發 经經 过過 开開 关關 还還 点點 书書 "
    "长長 门門 问問 间間 题題 现現 实實 体體 区區 医醫 农農 业業 东東 车車 马馬 鸟鳥 鱼魚 见見 "
    "页頁 风風 飞飛 龙龍 华華 乐樂 务務 动動 劳勞 势勢 办辦 广廣 厂廠 历歷 县縣 变變 号號 员員 "
    "团團 园園 图圖 场場 报報 声聲 头頭 学學 宝寶 将將 岁歲 师師 带帶 帮幫 应應 张張 归歸 当當 "
    "总總 战戰 护護 据據 数數 断斷 无無 旧舊 显顯 术術 机機 杀殺 权權 条條 极極 构構 标標 树樹 "
    "样樣 桥橋 楼樓 欢歡 气氣 汇匯 汉漢 济濟 测測 满滿 灯燈 灵靈 热熱 爱愛 状狀 独獨 环環 电電 "
    "画畫 离離 种種 积積 称稱 稳穩 笔筆 简簡 类類 粮糧 紧緊 红紅 约約 级級 纪紀 线線 练練 组組 "
    "细細 织織 终終 结結 给給 络絡 统統 继繼 续續 维維 综綜 绿綠 编編 网網 罗羅 职職 联聯 节節 "
    "艺藝 苏蘇 药藥 营營 蓝藍 虽雖 补補 装裝 观觀 规規 视視 览覽 觉覺 计計 认認 讨討 让讓 议議 "
    "讯訊 记記 讲講 许許 论論 设設 访訪 证證 评評 识識 词詞 试試 话話 该該 语語 误誤 请請 读讀 "
    "课課 谁誰 调調 谈談 谢謝 负負 责責 财財 败敗 货貨 质質 购購 费費 资資 赛賽 赶趕 转轉 轮輪 "
    "软軟 轻輕 较較 辆輛 边邊 达達 运運 进進 远遠 连連 选選 递遞 遗遺 邮郵 释釋 针針 钟鐘 钢鋼 "
    "钱錢 铁鐵 银銀 链鏈 销銷 锁鎖 错錯 镇鎮 镜鏡 闭閉 闻聞 阅閱 队隊 阳陽 阴陰 阵陣 阶階 际際 "
    "陆陸 陈陳 险險 随隨 隐隱 难難 韩韓 顶頂 项項 顺順 须須 顾顧 领領 频頻 颜顏 额額 饭飯 馆館 "
    "驾駕 验驗 鲜鮮 鸡雞 麦麥 黄黃 龄齡 亚亞 产產 亿億 价價 众眾 优優 伤傷 传傳 伟偉 债債 储儲 "
    "兰蘭 兴興 养養 军軍 减減 击擊 创創 划劃 则則 刚剛 别別 剧劇 励勵 协協 单單 卖賣 卫衛 厅廳 "
    "压壓 叶葉 吗嗎 启啟 响響 围圍 圆圓 圣聖 坏壞 块塊 坚堅 执執 扩擴 扫掃 扬揚 抢搶 担擔 拥擁 "
    "择擇 挂掛 挥揮 损損 换換 携攜 摄攝 敌敵 晓曉 暂暫 杂雜 杨楊 枪槍 检檢 欧歐 岛島 币幣 库庫 "
    "庆慶 废廢 异異 彻徹 忆憶 态態 怀懷 恶惡 惊驚 惯慣 愿願 戏戲 户戶 乡鄉 买買 乱亂 争爭 亏虧 "
    "从從 仓倉 仪儀 众眾 纳納 纸紙 织織 审審 宁寧 宽寬 尽盡 层層 岗崗 岭嶺 帅帥 庄莊 张張 彦彥 "
    "忧憂 恋戀 悬懸 惧懼 惨慘 戴戴 扑撲 执執 扰擾 抚撫 挤擠 捡撿 换換 搅攪 摊攤 敛斂 晒曬 晋晉 "
    "朴樸 杀殺 杂雜 村村 条條 来來 杰傑 极極 柜櫃 标標 栋棟 树樹 档檔 梦夢 检檢 楼樓 樱櫻 残殘 "
    "毕畢 毁毀 汤湯 沟溝 泪淚 泽澤 洁潔 浅淺 浇澆 浊濁 测測 浓濃 涂塗 润潤 涨漲 渐漸 渔漁 湾灣 "
    "湿濕 滚滾 滞滯 灭滅 灾災 炉爐 炼煉 烂爛 烟煙 烦煩 烧燒 热熱 焕煥 爷爺 牵牽 犹猶 狮獅 猎獵 "
    "献獻 玛瑪 现現 琐瑣 疗療 盐鹽 监監 盖蓋 盘盤 码碼 础礎 确確 碍礙 礼禮 祸禍 禅禪 秆稈 稣穌 "
    "穷窮 窃竊 竞競 笼籠 筑築 签簽 纠糾 纤纖 纯純 纲綱 纵縱 纷紛 纹紋 纺紡 绍紹 绑綁 绕繞 绘繪 "
    "绝絕 绩績 绪緒 绳繩 绵綿 缓緩 缘緣 缝縫 缩縮 罚罰 聪聰 肃肅 肤膚 肿腫 胀脹 胁脅 胆膽 胜勝 "
    "脑腦 脚腳 脱脫 脸臉 腊臘 舰艦 舱艙 艰艱 艳艷 芦蘆 苇葦 苹蘋 茎莖 荐薦 荡蕩 荣榮 莱萊 获獲 "
    "萨薩 蔷薔 虑慮 虾蝦 蚀蝕 蛮蠻 衬襯 袜襪 觅覓 誉譽 订訂 训訓 讳諱 诈詐 诉訴 译譯 诗詩 诚誠 "
    "诞誕 询詢 详詳 诸諸 诺諾 谅諒 谋謀 谎謊 谐諧 谓謂 谣謠 谦謙 谨謹 谱譜 贞貞 贡貢 贤賢 账賬 "
    "贩販 贪貪 贫貧 贯貫 贴貼 贵貴 贷貸 贸貿 贺賀 贼賊 赋賦 赌賭 赏賞 赔賠 赖賴 赚賺 赞贊 赠贈 "
    "赵趙 趋趨 跃躍 践踐 踪蹤 躯軀 轨軌 轰轟 载載 辅輔 辈輩 辉輝 辑輯 输輸 辖轄 辩辯 辽遼 迁遷 "
    "迈邁 违違 迟遲 迹跡 适適 逊遜 逻邏 邓鄧 邻鄰 郑鄭 酱醬 酿釀 鉴鑒 钉釘 钓釣 钙鈣 钞鈔 钥鑰 "
    "钦欽 钩鉤 钮鈕 钳鉗 钻鑽 铃鈴 铅鉛 铜銅 铭銘 铺鋪 锅鍋 锋鋒 锡錫 锦錦 键鍵 锯鋸 锻鍛 闪閃 "
    "闯闖 闲閑 闷悶 闸閘 闹鬧 阀閥 阁閣 阔闊 陕陝 隶隸 雾霧 静靜 韦韋 顽頑 顿頓 颁頒 颂頌 预預 "
    "颇頗 颈頸 颗顆 飘飄 饥饑 饮飲 饰飾 饱飽 饲飼 饶饒 饺餃 饼餅 馈饋 馒饅 驱驅 驳駁 驻駐 驿驛 "
    "骑騎 骗騙 骚騷 骤驟 鸣鳴 鸭鴨 鸿鴻 鹅鵝 鹰鷹 齿齒 热熱 纪紀 湾灣 资資 赛賽 这這 满滿 么麼")
SIMPLIFIED = frozenset(pair[0] for pair in SCRIPT_PAIRS.split() if pair[0] != pair[1])
TRADITIONAL = frozenset(pair[1] for pair in SCRIPT_PAIRS.split() if pair[0] != pair[1])

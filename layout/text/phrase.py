"""Where a headline may be broken between lines, and how good each place is.

A headline breaks only between words (as the segmenter cuts them), at a space, after
punctuation, or at an explicit break mark (``|`` or a newline in the text), which always
wins.  Each place has a cost: a phrase boundary (a space, after a stop) costs nothing; a
place between two words costs more when the words form a unit — a number and its measure
word, a name and its title, a word and the 的 that follows it.  The rules are data: the
tables below, keyed by the words' part-of-speech tags (jieba's dictionary, ICTCLAS set).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace

from layout.text.classes import (NO_LINE_END, NO_LINE_START, WORDLIKE, C, can_break,
                                 classify)
from layout.text.segment import Segmenter, Word

#: Explicit break marks: never printed, a line always ends there.
BREAK_MARKS = "|｜\n"

#: Base cost of a break, by the kind of place.
PLACE_COST = {
    "mark": 0,              # an explicit break mark
    "space": 0,             # a space in the headline: the editor's phrase boundary
    "stop": 0,              # after ，；：。！？ (and a closing mark that follows one)
    "latin-space": 60,      # a space between two Latin words or numbers: Mate 60
    "closing": 25,          # after a closing bracket or quote: 《…》|发布
    "opening": 15,          # before an opening bracket or quote: 发布|《…》
    "dash": 15,             # after a dash or ellipsis
    "word": 40,             # between two words
}

#: Extra cost of breaking between two words, by what they are (added up).
UNIT_COST = {
    "number-measure": 150,  # 10590|名, 40|亿元, 4|比2: a number and what it counts
    "name-title": 150,      # 李强|总理, 总理|李强, 记者|宗晓畅
    "name-name": 150,       # 宗|晓畅, 乔尔杰|维奇: a name the segmenter cut in two
    "leans-left": 100,      # 的, 了, 们, 等 never start a line
    "leans-right": 80,      # 在, 对, 为, 和, 与, 第 never end a line
    "single": 80,           # a word of one character on one side: a prefix or a suffix
                            # (市|物业, 新|就业) or an uncertain cut
    "doubtful": 40,         # a word the segmenter is unsure of on one side: a rare
                            # two-character word or an unknown word that is no name
    "unknown": 150,         # such words on both sides: a stretch the segmenter could not
                            # read (北|车营|村灾后 for the place name 北车营村)
    "crossed": 40,          # a dictionary word of three or more characters spans the
                            # place: 自然科学|基金 (科学基金)
    "modifier-noun": 40,    # 新|局面, 一起|电信: a modifier and its noun
    "noun-noun": 50,        # 电信|诈骗案, 联邦|基金: a compound noun, often a term
    "verb-verb": 10,        # 深入|学习
}

#: Extra cost of any break that is not a phrase boundary (a space, a stop, a mark).
PHRASE_COST = {
    "title": 100,           # inside 《》: a title is one name
    "quoted": 60,           # inside quotes or brackets: “开门红”
    "fragment": 60,         # leaves two characters or fewer of its phrase on a line:
                            # 维护|新就业… after a space, …联合发文 维|护
}
#: Longest dictionary word looked for across a place, in characters.
CROSS_REACH = 5

NOUN = frozenset({"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "ng", "vn", "an", "j",
                  "l", "i"})
NAME = frozenset({"nr", "nrfg", "nrt"})
VERB = frozenset({"v", "vd", "vg", "vi", "vq"})
MODIFIER = frozenset({"a", "ag", "b", "m", "mq", "r", "rz", "rr", "z"})
NUMERAL = frozenset({"m", "mq"})
MEASURE = frozenset({"q", "mq", "m"})
LEANS_LEFT_TAGS = frozenset({"uj", "ul", "uz", "ug", "uv", "ud", "u", "y", "k", "e", "f"})
LEANS_RIGHT_TAGS = frozenset({"p", "c"})
LEANS_LEFT = frozenset("的了着过们等者性化型式率地得之吗呢啊")
LEANS_RIGHT = frozenset({"第", "各", "每", "该", "本", "全", "其", "这", "那", "被", "把",
                         "将", "对", "向", "从", "在", "为", "与", "和", "及", "以", "于",
                         "跟", "同", "给", "让", "由", "据", "按", "随着", "关于", "对于",
                         "围绕", "通过", "根据", "面向", "截至"})
#: Characters that count things after a number (and units of measure).
MEASURE_CHARS = frozenset("名个位次年月日号时分秒元角万亿千百家项件条倍岁米天周届场人座辆"
                          "架艘吨克斤亩户所只头枚块张本部集期批轮点度强杯枪球局盘比%％℃‰")
#: Titles and roles that stay with the name beside them.
TITLES = frozenset("""总书记 书记 副书记 主席 副主席 总理 副总理 国务委员 部长 副部长 省长 副省长
市长 副市长 县长 区长 镇长 村长 局长 副局长 厅长 处长 科长 院长 副院长 校长 副校长 所长 站长
主任 副主任 委员 常委 代表 委员长 主委 院士 教授 副教授 博士 研究员 专家 记者 本报记者 通讯员
特约记者 实习生 教练 主教练 队长 选手 运动员 球员 门将 总经理 经理 董事长 总裁 总监 大使 特使
发言人 秘书长 总统 首相 国王 外长 主持人 导演 作家 画家 歌手 演员 老师 医生 警官 法官 检察官
民警 同志 先生 女士 师傅 劳模 工匠""".split())
#: Common surnames: an unknown word of two to four ideographs starting with one is a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝")
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容",
                               "尉迟", "公孙", "夏侯", "长孙", "宇文", "司徒", "端木"})
#: A two-character dictionary word rarer than this is weak evidence of a word boundary.
RARE = 20
_DIGITS = re.compile(r"[0-9０-９][0-9０-９.,，．]*[%％]?$")
_CHINESE_NUMBER = re.compile(r"[零〇一二三四五六七八九十百千万亿两半几]+$")


@dataclass(frozen=True, slots=True)
class Place:
    """A place a line may end at ``end`` (characters of the text) and the next begin at
    ``resume`` (after a space dropped at the break), with its cost and kind."""

    end: int
    resume: int
    cost: int
    kind: str
    forced: bool = False


def split_marks(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without its break marks (spaces around a mark and at the ends removed) and
    the offsets where the marks were; a mark before characters that may not start a line
    (。》…) moves after them."""
    parts = [p.strip() for p in re.split(f"[{re.escape(BREAK_MARKS)}]", text.strip())]
    parts = [p for p in parts if p]
    out, forced = "", []
    for part in parts:
        if out:
            lead = 0
            while lead < len(part) and classify(part[lead]) in NO_LINE_START:
                lead += 1
            out += part[:lead]
            part = part[lead:].lstrip()
            if not part:
                continue
            forced.append(len(out))
        out += part
    return out, tuple(forced)


def _numeric(word: Word) -> bool:
    return bool(_DIGITS.match(word.text) or _CHINESE_NUMBER.match(word.text)
                or (word.tag in NUMERAL and _CHINESE_NUMBER.match(word.text[:-1] or "-")))


def _name(word: Word) -> bool:
    if word.tag in NAME:
        return True
    # a word the dictionary lacks, of two to four ideographs, starting with a surname
    return not word.freq and 2 <= len(word.text) <= 4 and _ideographs(word) and (
        word.text[0] in SURNAMES or word.text[:2] in COMPOUND_SURNAMES)


def _ideographs(word: Word) -> bool:
    return all(classify(ch) is C.ID for ch in word.text)


def _function(word: Word) -> bool:
    """A function word (a preposition, a conjunction, a particle): its own rules say on
    which side of it a line may break."""
    return word.text in LEANS_LEFT or word.text in LEANS_RIGHT or \
        word.tag in LEANS_LEFT_TAGS or word.tag in LEANS_RIGHT_TAGS


def _doubtful(word: Word) -> bool:
    """A word of two or more ideographs whose edges the segmenter is unsure of."""
    if not _ideographs(word) or len(word.text) < 2:
        return False
    if not word.freq:
        return not _name(word)
    return len(word.text) == 2 and word.freq < RARE


def word_cost(a: Word, b: Word) -> tuple[int, list[str]]:
    """Cost of a line break between word ``a`` and the word ``b`` after it, and why."""
    why = []
    if _numeric(a) and (b.tag in MEASURE or b.text[0] in MEASURE_CHARS or _numeric(b)):
        why.append("number-measure")
    elif _numeric(b) and a.text in {"第", "约", "近", "超", "逾", "达", "共", "仅"}:
        why.append("number-measure")
    if (_name(a) and b.text in TITLES) or (a.text in TITLES and _name(b)):
        why.append("name-title")
    elif _name(a) and _name(b):
        why.append("name-name")
    if b.text in LEANS_LEFT or b.tag in LEANS_LEFT_TAGS:
        why.append("leans-left")
    if a.text in LEANS_RIGHT or a.tag in LEANS_RIGHT_TAGS:
        why.append("leans-right")
    if not why:
        unsure = ["single" if len(w.text) == 1 else "doubtful" for w in (a, b)
                  if (len(w.text) == 1 and _ideographs(w) and not _function(w))
                  or _doubtful(w)]
        why.extend(["unknown"] if len(unsure) == 2 else unsure)
    if not why:
        if a.tag in MODIFIER and b.tag in NOUN:
            why.append("modifier-noun")
        elif a.tag in NOUN and b.tag in NOUN:
            why.append("noun-noun")
        elif a.tag in VERB and b.tag in VERB:
            why.append("verb-verb")
    return PLACE_COST["word"] + sum(UNIT_COST[w] for w in why), why


@functools.lru_cache(maxsize=1024)
def places(text: str, forced: tuple[int, ...], seg: Segmenter) -> tuple[Place, ...]:
    """Every place ``text`` (without break marks) may break, in order; ``forced`` are the
    offsets of the break marks.  Prohibited line starts and ends (避头尾) are left out.
    (Memoised: a headline is tried at several sizes and line counts.)"""
    out: list[Place] = [Place(k, k, PLACE_COST["mark"], "mark", True) for k in forced]
    bounds = [0, *forced, len(text)]
    for lo, hi in itertools.pairwise(bounds):
        words = [replace(w, start=w.start + lo) for w in seg.words(text[lo:hi])]
        out.extend(_places(text, lo, hi, words, seg))
    return tuple(sorted(out, key=lambda p: p.end))


def _places(text: str, lo: int, hi: int, words: list[Word], seg: Segmenter) -> list[Place]:
    """The places of ``text[lo:hi]`` (a stretch between break marks)."""
    depth = _bracket_depth(text)
    phrases = _phrase_bounds(text, lo, hi)
    out = []
    for k in range(len(words) - 1):
        a, b = words[k], words[k + 1]
        at = b.start
        if a.text.isspace():
            continue
        if b.text.isspace():            # a space: the line ends before it, resumes after
            j = k + 1
            while j < len(words) and words[j].text.isspace():
                j += 1
            resume = words[j].start if j < len(words) else hi
            if resume < hi and _may_end(text, at) and _may_start(text, resume):
                latin = classify(text[at - 1]) in WORDLIKE and \
                    classify(text[resume]) in WORDLIKE
                kind = "latin-space" if latin else "space"
                out.append(Place(at, resume, PLACE_COST[kind], kind))
            continue
        before, after = classify(text[at - 1]), classify(text[at])
        if not can_break(before, after):
            continue
        if before is C.ST or (before is C.CL and classify(text[at - 2]) is C.ST):
            out.append(Place(at, at, PLACE_COST["stop"], "stop"))
            continue
        if before is C.CL:
            cost, why = PLACE_COST["closing"], ["closing"]
        elif after is C.OP:
            cost, why = PLACE_COST["opening"], ["opening"]
        elif before is C.DA:
            cost, why = PLACE_COST["dash"], ["dash"]
        else:
            cost, why = word_cost(a, b)
            why = ["word", *why]
            if not {"single", "doubtful", "unknown"} & set(why) and _crossed(text, at, lo, hi, seg):
                cost, why = cost + UNIT_COST["crossed"], [*why, "crossed"]
        if depth[at]:
            inside = "title" if depth[at] == "《" else "quoted"
            cost, why = cost + PHRASE_COST[inside], [*why, inside]
        if _fragment(text, at, phrases):
            cost, why = cost + PHRASE_COST["fragment"], [*why, "fragment"]
        out.append(Place(at, at, cost, " ".join(why)))
    return out


def _bracket_depth(text: str) -> list[str]:
    """For each offset, the innermost bracket or quote open there ('' when none)."""
    stack: list[str] = []
    out = [""]
    for ch in text:
        cls = classify(ch)
        if cls is C.OP:
            stack.append(ch)
        elif cls is C.CL and stack:
            stack.pop()
        out.append("《" if "《" in stack else (stack[-1] if stack else ""))
    return out


def _phrase_bounds(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where the phrases of ``text[lo:hi]`` begin and end: its ends, spaces and
    stops (a phrase ends before a stop mark and the next begins after it)."""
    out = [lo, hi]
    for k in range(lo, hi):
        cls = classify(text[k])
        if cls in (C.SP, C.ST):
            out.extend((k, k + 1))
    return sorted(set(out))


def _fragment(text: str, at: int, bounds: list[int]) -> bool:
    """Does a break at ``at`` leave at most two characters of its phrase on a line?"""
    left = max(b for b in bounds if b <= at)
    right = min(b for b in bounds if b >= at)
    def chars(i, j):
        return sum(1 for ch in text[i:j] if classify(ch) in (C.ID, C.LT))
    return chars(left, at) <= 2 or chars(at, right) <= 2


def _crossed(text: str, at: int, lo: int, hi: int, seg: Segmenter) -> bool:
    """Does a dictionary word of ideographs span offset ``at``?"""
    for i in range(max(lo, at - CROSS_REACH + 1), at):
        for j in range(max(at + 1, i + 3), min(hi, i + CROSS_REACH) + 1):
            piece = text[i:j]
            if all(classify(ch) is C.ID for ch in piece) and seg.freq(piece):
                return True
    return False


def _may_end(text: str, end: int) -> bool:
    return end > 0 and classify(text[end - 1]) not in NO_LINE_END


def _may_start(text: str, start: int) -> bool:
    return start < len(text) and classify(text[start]) not in NO_LINE_START | {C.MK}

"""The lunar date (农历) as a Chinese daily prints it under the date in its masthead:
农历甲辰年正月十七, 农历癸卯年闰二月初一 — the conversion by the ``lunardate`` package (the
Hong Kong Observatory's tables, 1900-2099), the names here."""

from __future__ import annotations

import datetime as _dt

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
DIGITS = "一二三四五六七八九十"
#: The days the tables cover (lunar 1900-01-01 is 31 January 1900); ``lunardate`` answers
#: nonsense outside them rather than failing.
FIRST, LAST = _dt.date(1900, 1, 31), _dt.date(2099, 12, 31)


def ganzhi_year(year: int) -> str:
    """The sexagenary name of lunar year ``year`` (1984 and 2044 are 甲子)."""
    return STEMS[(year - 4) % 10] + BRANCHES[(year - 4) % 12]


def day_name(day: int) -> str:
    """初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十."""
    if day <= 10:
        return "初" + DIGITS[day - 1]
    if day < 20:
        return "十" + DIGITS[day - 11]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + DIGITS[day - 21]
    return "三十"


def lunar_parts(day: _dt.date) -> tuple[int, int, int, bool] | None:
    """(lunar year, month, day, leap month) of ``day``, or None outside 1900-2099."""
    from lunardate import LunarDate
    if not FIRST <= day <= LAST:
        return None
    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    return lunar.year, lunar.month, lunar.day, lunar.is_leap_month


def lunar_date(day: _dt.date) -> str | None:
    """``day`` in the lunar calendar as a masthead prints it: 农历甲辰年正月十七; None
    outside the years the tables cover."""
    parts = lunar_parts(day)
    if parts is None:
        return None
    year, month, mday, leap = parts
    return f"农历{ganzhi_year(year)}年{'闰' if leap else ''}{MONTHS[month - 1]}月" \
           f"{day_name(mday)}"

"""Chinese numerals as they appear in policy numbering (第十二条, （三）, 二、)."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def chinese_to_int(text: str) -> int:
    """Convert a Chinese or Arabic numeral (e.g. 十二, 一百零五, 12) to an int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            # A bare unit (十二 → 10 + 2) means one of that unit.
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit

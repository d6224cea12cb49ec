"""Text that is shown on one line to other people: names, titles and file names.

C0/C1 control characters (a newline, a tab, ESC…), Unicode line and paragraph separators, and the
bidirectional marks, embeddings, overrides and isolates are refused there: "\u202egpj.pdf" displays
as "fdp.jpg", and a newline in a name breaks lists, exports and notices. Joiners (U+200D, used in
emoji) and ordinary text of any script stay allowed.
"""

from __future__ import annotations

import re

UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
UNSAFE_MESSAGE = "不能包含换行、控制字符或文字方向控制符（{char}）"


def unsafe_in_line(value: str) -> str | None:
    """Why `value` may not be shown as one line (naming the first bad character), or None."""
    match = UNSAFE_IN_LINE.search(value)
    if match is None:
        return None
    return UNSAFE_MESSAGE.format(char=f"U+{ord(match.group()):04X}")

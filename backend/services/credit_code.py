"""统一社会信用代码 check per GB 32100-2015 (法人和其他组织统一社会信用代码编码规则).

The code has 18 characters: registration authority (1), organization type (1), administrative
division (6), organization identifier (9) and one check character. The check character is computed
over the first 17 with the weights of GB 32100-2015 §5 (3^(i-1) mod 31) on the 31-character set that
leaves out I, O, Z, S and V so they cannot be mistaken for 1, 0, 2, 5 and U.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUES = {ch: i for i, ch in enumerate(CHARSET)}


def check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters (already upper-case)."""
    if len(first17) != LENGTH - 1 or any(ch not in _VALUES for ch in first17):
        raise ValueError("need 17 characters from the GB 32100-2015 character set")
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return CHARSET[0 if value == 31 else value]


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid 统一社会信用代码 (a Chinese sentence), or None when it is."""
    if len(code) != LENGTH:
        return f"应为 {LENGTH} 位，当前 {len(code)} 位"
    illegal = sorted({ch for ch in code if ch not in _VALUES})
    if illegal:
        return f"含有不允许的字符：{'、'.join(illegal)}（不使用 I、O、Z、S、V）"
    if check_character(code[:17]) != code[17]:
        return "校验码不正确，请核对后重新输入"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None


def normalize_credit_code(code: str) -> str:
    """Upper-case and strip spaces, as people type codes off paper certificates."""
    return code.strip().replace(" ", "").upper()


def _validate(code: str) -> str:
    problem = credit_code_problem(code)
    if problem:
        raise ValueError(f"统一社会信用代码{problem}")
    return code


# A pydantic type: a 422 naming the field when the code fails the GB 32100-2015 check.
CreditCode = Annotated[str, BeforeValidator(lambda v: normalize_credit_code(v) if isinstance(v, str) else v),
                       AfterValidator(_validate)]

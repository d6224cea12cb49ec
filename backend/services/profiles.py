"""A resident's own profile: real name and phone, collected with consent (PIPL arts. 13–14).

The phone is encrypted at rest and shown masked, like organizations' contact phones; rosters then
show the real name and masked phone instead of a placeholder.
"""

from __future__ import annotations

from typing import Any

from backend.crypto import PersonalData, mask_phone
from backend.errors import ConsentRequired, PhoneCodeInvalid
from backend.models.user import User
from backend.services import audit, clock
from backend.services.actor import Actor
from backend.wechat.client import WeChatError, WeChatGateway

CONSENT_VERSION = "2026-12"
# Invalid (40029) or used (40163) getPhoneNumber codes: the person taps the button again.
BAD_PHONE_CODES = {40029, 40163, 41008}
CONSENT = {
    "version": CONSENT_VERSION,
    "title": "个人信息收集使用说明",
    "controller": "区民政局（社组通运营方）",
    "items": ["真实姓名", "手机号"],
    "purpose": "用于活动报名名单、签到与服务时长记录，便于活动组织方和工作人员在活动变更、安全事项时与您联系。",
    "method": "手机号由您通过微信授权获取或自行填写；加密存储，名单中仅显示脱敏号码，查看完整号码的操作记入审计日志。",
    "retention": "保存至您注销账号为止；注销后删除或匿名化。",
    "rights": "您可随时在“我的”中查看、更正、导出或删除本人信息，或注销账号（个人信息保护法第四十五、四十七条）。",
    "text": "为办理活动报名、签到和服务时长记录，我们需要收集您的真实姓名和手机号。这些信息仅向您报名活动的组织"
            "负责人及辖区工作人员展示（手机号脱敏），不用于其他目的，不向第三方提供。您可以随时更正或删除。"
            "不提供不影响浏览政策、组织和活动，但无法在报名名单中显示您的真实姓名。",
}


def _phone(pd: PersonalData, user: User) -> str:
    return pd.decrypt(user.phone_encrypted) if user.phone_encrypted else ""


def profile_view(user: User, pd: PersonalData) -> dict[str, Any]:
    """The profile as the person sees it: the phone masked even to themselves (the export shows it whole)."""
    return {"real_name": user.real_name, "phone": mask_phone(_phone(pd, user)),
            "phone_verified": user.phone_verified, "consent_version": user.consent_version,
            "consent_at": user.consent_at, "consent_current": user.consent_version == CONSENT_VERSION,
            "current_consent_version": CONSENT_VERSION}


async def get_profile(*, actor: Actor, pd: PersonalData) -> dict[str, Any]:
    """The caller's own profile."""
    return profile_view(await User.get(id=actor.user_id), pd)


async def _consented(user: User, consent_version: str | None) -> list[str]:
    """Record a consent given now; refuse when neither it nor an earlier one covers the current notice."""
    if consent_version == CONSENT_VERSION:
        user.consent_version, user.consent_at = CONSENT_VERSION, clock.now()
        return ["consent_version", "consent_at"]
    if consent_version is None and user.consent_version == CONSENT_VERSION:
        return []
    raise ConsentRequired(version=CONSENT_VERSION)


async def _save(*, actor: Actor, user: User, pd: PersonalData, changed: list[str], how: str) -> dict[str, Any]:
    before = {"real_name": bool(user.real_name), "phone": bool(user.phone_encrypted)}
    await user.save(update_fields=changed)
    await audit.record(actor=actor, action="user.profile.update", object_type="user", object_id=user.id,
                       before=before, after={"fields": sorted(changed), "how": how,
                                             "consent_version": user.consent_version})
    return profile_view(user, pd)


async def update_profile(*, actor: Actor, pd: PersonalData, real_name: str | None, phone: str | None,
                         consent_version: str | None) -> dict[str, Any]:
    """Set the caller's real name and/or typed phone ("" clears one); requires the current consent."""
    user = await User.get(id=actor.user_id)
    if real_name is None and phone is None and consent_version is None:
        return profile_view(user, pd)  # an empty body changes nothing
    changed = await _consented(user, consent_version)
    if real_name is not None:
        user.real_name = real_name
        changed.append("real_name")
    if phone is not None:
        encrypted: Any = pd.encrypt(phone) if phone else None  # "" clears the phone (the column is nullable)
        user.phone_encrypted, user.phone_verified = encrypted, False
        changed += ["phone_encrypted", "phone_verified"]
    return await _save(actor=actor, user=user, pd=pd, changed=changed, how="typed")


async def phone_from_wechat(*, actor: Actor, pd: PersonalData, wechat: WeChatGateway, code: str,
                            consent_version: str | None) -> dict[str, Any]:
    """Exchange a getPhoneNumber code server-side and store the phone WeChat vouches for."""
    user = await User.get(id=actor.user_id)
    changed = await _consented(user, consent_version)
    try:
        phone = await wechat.user_phone_number(code=code)
    except WeChatError as exc:
        if exc.errcode in BAD_PHONE_CODES:
            raise PhoneCodeInvalid() from None
        raise
    if not phone:
        raise PhoneCodeInvalid()
    user.phone_encrypted, user.phone_verified = pd.encrypt(phone), True
    return await _save(actor=actor, user=user, pd=pd, changed=[*changed, "phone_encrypted", "phone_verified"],
                       how="wechat")

"""One typed settings object, read from the environment once (pydantic-settings).

Every knob the service has lives here; README.md lists them in a table. In prod the object refuses
to exist with placeholder secrets, the embedded cache, or several workers on SQLite, each with a
one-line reason, so a misconfigured deployment fails at start rather than at 3 a.m.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRETS = {"", "change-me", "CHANGE_ME", "dev-secret-key-change-me", "test_secret_0123456789abcdef"}
# A fixed dev-only key so the demo works out of the box; prod refuses it (see _refuse_unsafe_prod).
DEV_SECRET_KEY = "dev-secret-key-change-me"
DEV_ENCRYPTION_KEY = "dev-only-encryption-key-change-me"
# Dev-only official-account callback secrets (the AES key is a valid 43-character EncodingAESKey so
# the demo and tests can run 安全模式); prod refuses both.
DEV_OA_TOKEN = "dev-oa-token-change-me"
DEV_OA_AES_KEY = "devOnlyEncodingAesKeyChangeMe0123456789abcd"


_AES_KEY = re.compile(r"[A-Za-z0-9+/]{43}")


class AppEnv(StrEnum):
    dev = "dev"
    test = "test"
    prod = "prod"


class Settings(BaseSettings):
    """Service configuration; field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    app_env: AppEnv = Field(AppEnv.dev, description="运行环境：dev、test 或 prod")
    database_url: str = Field("", description="PostgreSQL URL；留空则使用 ./var 下的 SQLite 文件")
    redis_url: str = Field("", description="Redis URL；留空则使用进程内 fakeredis（仅限单进程）")
    web_workers: int = Field(1, ge=1, description="Sanic worker 数")
    db_pool_size: int = Field(
        20, ge=1, le=500, description="每个进程的 PostgreSQL 连接池上限（URL 中的 maxsize 优先）；"
        "worker 数 × 此值需小于数据库的 max_connections")
    secret_key: SecretStr = Field(SecretStr(DEV_SECRET_KEY), description="签名密钥（签到码等）")
    data_encryption_key: SecretStr = Field(
        SecretStr(DEV_ENCRYPTION_KEY), description="个人信息加密密钥（≥32 位随机串，经 HKDF 派生 Fernet 密钥）"
    )
    token_ttl_seconds: int = Field(7 * 24 * 3600, ge=60, description="登录令牌有效期（秒）")
    json_body_limit: int = Field(1024 * 1024, ge=1024, description="JSON 请求体上限（字节）")
    upload_body_limit: int = Field(20 * 1024 * 1024, ge=1024, description="上传请求体上限（字节）")
    wechat_app_id: str = Field("wx_test_app", description="小程序 AppID")
    wechat_app_secret: SecretStr = Field(
        SecretStr("test_secret_0123456789abcdef"), description="小程序 AppSecret"
    )
    wechat_api_base: str = Field("https://api.weixin.qq.com/", description="微信 API 根地址（测试指向假服务器）")
    wechat_timeout_seconds: float = Field(5.0, gt=0, description="微信接口超时（秒）")
    staff_login_max_failures: int = Field(
        5, ge=1, description="同一账号在同一网络地址连续登录失败几次后开始等待（此后每次失败等待时间翻倍）")
    staff_login_window_seconds: int = Field(15 * 60, ge=1, description="员工登录失败计数窗口（秒）")
    staff_login_backoff_seconds: int = Field(30, ge=1, description="开始等待后的首次等待时间（秒），之后每次失败翻倍")
    staff_login_backoff_max_seconds: int = Field(15 * 60, ge=1, description="登录失败等待时间的上限（秒）")
    staff_login_address_max_failures: int = Field(
        100, ge=1, description="同一网络地址在计数窗口内登录失败的上限（不论账号），达到后该地址暂停登录")
    checkin_code_ttl_seconds: int = Field(90, ge=30, le=600, description="活动签到码有效期（秒），组织者页面按此轮换")
    var_dir: Path = Field(ROOT / "var", description="SQLite、上传文件等本地数据目录")
    bot_kb_dir: Path | None = Field(
        None, description="政策问答机器人的知识库目录（上传、替换、停用写在这里；所有 worker 共用）；"
                          "留空为 VAR_DIR/knowledge")
    bot_kb_shipped_dir: Path = Field(
        ROOT / "knowledge", description="随软件发布的政策文件（只读）：启动时把知识库目录中缺少的文件复制进去")
    bot_contact: str = Field(
        "区民政局社会组织管理科（工作日 9:00–17:00）", min_length=1, max_length=200,
        description="机器人无法回答时提示的咨询渠道",
    )
    bot_session_ttl_seconds: int = Field(1800, ge=60, description="问答会话（追问上下文）保留时间（秒）")
    bot_rate_limit_per_minute: int = Field(20, ge=1, description="每个用户每分钟最多提问次数")
    bot_document_max_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="知识库单个文件上传上限（字节）")
    bot_llm_base_url: str = Field("", description="可选：OpenAI 兼容接口地址，用于改写答案；留空则不启用")
    bot_llm_api_key: SecretStr = Field(SecretStr(""), description="可选：上述接口的 API Key")
    bot_llm_model: str = Field("gpt-4o-mini", description="可选：改写答案使用的模型名")
    bot_embedding_url: str = Field(
        "", description="可选：OpenAI 兼容 /v1/embeddings 接口地址，启用向量与 BM25 混合检索；留空则只用词法检索"
    )
    bot_embedding_model: str = Field("bge-m3", min_length=1, description="可选：向量模型名")
    bot_embedding_api_key: SecretStr = Field(SecretStr(""), description="可选：向量接口的 API Key")
    bot_embedding_timeout_seconds: float = Field(
        1.0, gt=0, le=10, description="提问时等待问题向量的时限（秒），超时即按词法检索回答"
    )
    bot_embedding_weight: float = Field(1.0, ge=0, le=4, description="倒数排名融合中向量通道的权重（词法通道为 1）")
    wechat_oa_app_id: str = Field("wx_test_oa", description="公众号 AppID（安全模式加解密用）")
    wechat_oa_token: SecretStr = Field(SecretStr(DEV_OA_TOKEN), description="公众号服务器配置的 Token")
    wechat_oa_aes_key: SecretStr = Field(
        SecretStr(DEV_OA_AES_KEY), description="公众号 EncodingAESKey（43 个字符，安全模式）"
    )
    wechat_oa_reply_budget_seconds: float = Field(
        4.0, gt=0, le=4.5, description="公众号被动回复的计算时限（秒）；超时改为客服消息推送"
    )
    grant_attachment_max_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, description="公益创投/孵化申请附件单个文件上限（字节）")
    zombie_min_signals: int = Field(2, ge=1, le=5,
                                    description="僵尸社会组织筛查：至少符合几项信号列入清理清单")
    credit_answer_working_days: int = Field(
        10, ge=1, le=60, description="列入信用名录前组织陈述申辩的期限（工作日，按法定节假日与调休计算）")
    credit_coverage_months: int = Field(
        6, ge=1, le=60, description="登记满几个月仍无党组织、联合党支部或党建工作指导员的，系统提出列入活动异常名录")
    inspection_ratio: float = Field(
        0.03, ge=0.03, le=1, description="双随机定期抽查的默认比例（不得低于 3%，民发〔2017〕45号）")
    notice_send_rate: float = Field(20.0, gt=0, le=10000,
                                    description="订阅消息每秒最多发送条数（所有 worker 合计，经 Redis 协调）")
    notice_senders_per_worker: int = Field(
        2, ge=1, le=32, description="每个队列 worker 为每条通知并发运行的发送者数（总数随 worker 数增加）")
    notice_send_batch: int = Field(50, ge=1, le=500, description="订阅消息每批领取、扣减次数和记录结果的条数")
    notice_max_attempts: int = Field(5, ge=1, le=20, description="订阅消息可重试错误的最多尝试次数")
    notice_sending_lease_seconds: int = Field(
        300, ge=10, description="一条消息停留在“发送中”超过此秒数即视为中断，转人工核查（不重发）")
    shutdown_drain_seconds: float = Field(
        5.0, ge=0, le=60,
        description="收到 SIGTERM 后继续处理已连接请求的时间（秒），此后答 503；须小于 SANIC_GRACEFUL_SHUTDOWN_TIMEOUT")
    listen_backlog: int = Field(1024, ge=16, le=65535, description="监听套接字的等待连接队列长度（Sanic 默认 100）")
    log_level: str = Field("INFO", description="日志级别")
    bot_log_retention_days: int = Field(
        180, ge=1, le=3650, description="政策问答提问记录保留天数，超过即由定时任务删除（个人信息保存期限）")
    delivery_retention_days: int = Field(
        365, ge=1, le=3650, description="通知送达记录（含站内消息）保留天数，已结束的记录超过即由定时任务删除")

    @property
    def knowledge_dir(self) -> Path:
        """Where the bot's documents live and staff uploads go: `BOT_KB_DIR`, else `VAR_DIR/knowledge`."""
        return self.bot_kb_dir or self.var_dir / "knowledge"

    @property
    def embedded_db(self) -> bool:
        return not self.database_url

    @property
    def embedded_cache(self) -> bool:
        return not self.redis_url

    @property
    def db_url(self) -> str:
        """The Tortoise connection URL, falling back to the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite://{self.var_dir / f'shezutong-{self.app_env.value}.sqlite3'}"

    @property
    def is_prod(self) -> bool:
        return self.app_env is AppEnv.prod

    @model_validator(mode="after")
    def _check_oa_aes_key(self) -> Self:
        # WeChat's EncodingAESKey is 43 base64 characters (32 bytes once "=" is appended).
        if not _AES_KEY.fullmatch(self.wechat_oa_aes_key.get_secret_value()):
            raise ValueError("WECHAT_OA_AES_KEY 必须是公众号后台生成的 43 位 EncodingAESKey")
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_prod(self) -> Self:
        if not self.is_prod:
            return self
        problems = []
        if self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS or len(self.secret_key) < 32:
            problems.append("SECRET_KEY 仍是占位值或少于 32 个字符，生产环境必须设置随机密钥")
        encryption_key = self.data_encryption_key.get_secret_value()
        if encryption_key in PLACEHOLDER_SECRETS | {DEV_ENCRYPTION_KEY} or len(encryption_key) < 32:
            problems.append("DATA_ENCRYPTION_KEY 仍是占位值或少于 32 个字符，生产环境必须设置独立的加密密钥")
        if self.wechat_app_secret.get_secret_value() in PLACEHOLDER_SECRETS:
            problems.append("WECHAT_APP_SECRET 仍是占位值")
        if self.wechat_oa_token.get_secret_value() in PLACEHOLDER_SECRETS | {DEV_OA_TOKEN}:
            problems.append("WECHAT_OA_TOKEN 仍是占位值")
        if self.wechat_oa_aes_key.get_secret_value() == DEV_OA_AES_KEY:
            problems.append("WECHAT_OA_AES_KEY 仍是开发用的占位值")
        if self.embedded_cache:
            problems.append("未设置 REDIS_URL：生产环境不能使用进程内缓存")
        if self.embedded_db and self.web_workers > 1:
            problems.append("SQLite 只能单进程使用：设置 DATABASE_URL 或将 WEB_WORKERS 设为 1")
        if problems:
            raise ValueError("；".join(problems))
        return self


def load_settings_or_exit() -> Settings:
    """Settings from the environment, or exit with one line per problem (no traceback, no secrets)."""
    try:
        return Settings()
    except ValidationError as exc:
        reasons: list[str] = []
        for err in exc.errors(include_url=False, include_input=False):
            msg = str(err["msg"]).removeprefix("Value error, ")
            field = ".".join(str(p) for p in err["loc"]).upper()
            reasons.extend(f"配置错误：{part}" for part in msg.split("；")) if not field else \
                reasons.append(f"配置错误：{field}：{msg}")
        raise SystemExit("\n".join(reasons)) from None

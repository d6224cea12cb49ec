"""Settings fail fast in prod and fall back to embedded resources elsewhere."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.settings import Settings

SAFE_PROD = {
    "app_env": "prod",
    "secret_key": "k" * 48,
    "data_encryption_key": "x" * 44,
    "wechat_app_secret": "real-secret-from-the-console",
    "redis_url": "redis://cache:6379/0",
    "database_url": "postgres://u:p@db:5432/shezutong",
    "wechat_oa_token": "real-oa-token-from-the-console",
    "wechat_oa_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
}


def test_dev_defaults_use_embedded_sqlite_and_cache(tmp_path):
    s = Settings(app_env="dev", var_dir=tmp_path, database_url="", redis_url="")
    assert s.embedded_db and s.embedded_cache
    assert s.db_url == f"sqlite://{tmp_path}/shezutong-dev.sqlite3"
    assert s.json_body_limit == 1024 * 1024


def test_knowledge_uploads_live_under_var_dir_unless_configured(tmp_path):
    from backend.settings import ROOT

    settings = Settings(app_env="dev", var_dir=tmp_path)
    assert settings.knowledge_dir == tmp_path / "knowledge"
    assert settings.bot_kb_shipped_dir == ROOT / "knowledge" != settings.knowledge_dir
    assert Settings(app_env="dev", var_dir=tmp_path, bot_kb_dir=tmp_path / "kb").knowledge_dir == tmp_path / "kb"


def test_prod_with_real_values_starts():
    assert Settings(**SAFE_PROD).is_prod


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"secret_key": "dev-secret-key-change-me"}, "SECRET_KEY"),
        ({"data_encryption_key": ""}, "DATA_ENCRYPTION_KEY"),
        ({"wechat_app_secret": "test_secret_0123456789abcdef"}, "WECHAT_APP_SECRET"),
        ({"redis_url": ""}, "REDIS_URL"),
        ({"database_url": "", "web_workers": 4}, "SQLite"),
        ({"wechat_oa_token": "dev-oa-token-change-me"}, "WECHAT_OA_TOKEN"),
        ({"wechat_oa_aes_key": "devOnlyEncodingAesKeyChangeMe0123456789abcd"}, "WECHAT_OA_AES_KEY"),
    ],
)
def test_prod_refuses_unsafe_config_with_a_reason(override, reason):
    with pytest.raises(ValidationError) as info:
        Settings(**{**SAFE_PROD, **override})
    message = str(info.value)
    assert reason in message
    assert "real-secret-from-the-console" not in message  # secrets never echoed


def test_prod_sqlite_single_worker_is_allowed():
    assert Settings(**{**SAFE_PROD, "database_url": "", "web_workers": 1}).embedded_db


@pytest.mark.parametrize("key", ["too-short", "x" * 44, "含中文" * 14 + "a"])
def test_oa_aes_key_must_be_a_43_character_encoding_aes_key(key):
    with pytest.raises(ValidationError) as info:
        Settings(wechat_oa_aes_key=key)
    assert "WECHAT_OA_AES_KEY" in str(info.value)

"""The retention job: personal data kept no longer than needed (PIPL art. 19).

Bot question logs older than BOT_LOG_RETENTION_DAYS and finished notice deliveries older than
DELIVERY_RETENTION_DAYS are deleted once a day (arq cron in the worker; the embedded scheduler in dev).
Deleting is idempotent, so a retried or doubled run removes nothing twice.
"""

from __future__ import annotations

import logging
from typing import Any

from backend.services import personal_data
from backend.settings import Settings, load_settings_or_exit

log = logging.getLogger("backend.jobs")


async def purge_expired_records(ctx: dict[str, Any]) -> dict[str, int]:
    """Delete bot logs and delivery records past their retention period."""
    settings: Settings = ctx.get("settings") or load_settings_or_exit()
    purged = await personal_data.purge_expired(bot_log_days=settings.bot_log_retention_days,
                                               delivery_days=settings.delivery_retention_days)
    if any(purged.values()):
        log.info("retention purge: %s", purged)
    return purged

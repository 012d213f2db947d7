"""Put a draft as an older release stored it into a person's persisted user data, as if the
bot were updated while the person was in the middle of a flow."""

from __future__ import annotations

import json

from storage import state
from tests.harness import Harness


async def plant(bot: Harness, telegram_id: int, key: str, value: object) -> None:
    """Replace ``key`` of the person's user data by ``value`` across a restart."""
    await bot.stop()
    with bot.svc.db.write() as session:
        stored = state.load_one(session, "user_data", str(telegram_id))
        data = json.loads(stored) if stored else {}
        data[key] = value
        state.save(
            session,
            namespace="user_data",
            key=str(telegram_id),
            data_json=json.dumps(data),
            now=bot.clock.now(),
        )
    await bot.start()

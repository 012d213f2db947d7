"""Key-value JSON blobs behind the bot's persistence (conversations, user and chat data)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.models import PersistedState


def load_namespace(session: Session, namespace: str) -> dict[str, str]:
    """Every key of a namespace with its JSON text."""
    rows = session.exec(select(PersistedState).where(PersistedState.namespace == namespace))
    return {row.key: row.data_json for row in rows}


def load_one(session: Session, namespace: str, key: str) -> str | None:
    row = session.get(PersistedState, (namespace, key))
    return None if row is None else row.data_json


def save(session: Session, *, namespace: str, key: str, data_json: str, now: datetime) -> None:
    row = session.get(PersistedState, (namespace, key))
    if row is None:
        session.add(
            PersistedState(namespace=namespace, key=key, data_json=data_json, updated_at=now)
        )
    elif row.data_json != data_json:
        row.data_json = data_json
        row.updated_at = now
        session.add(row)


def delete(session: Session, *, namespace: str, key: str) -> None:
    row = session.get(PersistedState, (namespace, key))
    if row is not None:
        session.delete(row)

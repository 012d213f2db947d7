"""Reporting in the chat, one module per flow: ``schedule`` (/jadwal, closing a cycle),
``choose`` (/lapor: resume, period, package), ``guided`` (the questions of a report),
``upload`` (the Template Data Kinerja route) and ``verify`` (/verifikasi)."""

from __future__ import annotations

from bot.core.roles import Role

TEAM = (Role.KEPALA, Role.TIM)

"""Captions are fitted to Telegram's 1024 characters wherever they are sent: the caption of a
document (the outbox sends signed letters and request documents with their stored text as
caption) and the caption of each item of an album (``sendMediaGroup``), which Telegram
refused as a whole when one caption was too long."""

from __future__ import annotations

from telegram import InputMediaDocument, InputMediaPhoto

from bot import texts
from bot.core.roles import Role
from bot.ui.fit import CAPTION_LIMIT, shown_length
from storage import archive, outbox
from storage.archive import NewDocument
from tests.harness import Harness
from tests.test_reporting_flow import PNG

# Stored text as a form could take it: long, with characters HTML must escape.
STORED = "Kendala <pengiriman> & keterlambatan tender ulang. " * 60  # 3,060 characters


async def test_every_caption_of_an_album_is_fitted(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    assert bot.app is not None

    caption = texts.esc(STORED)
    sent = await bot.app.bot.send_media_group(
        team.telegram_id,
        [
            InputMediaDocument(b"%PDF-1.4 satu", filename="satu.pdf", caption=caption),
            InputMediaDocument(b"%PDF-1.4 dua", filename="dua.pdf", caption="Lampiran kedua"),
            InputMediaPhoto(PNG, caption=f"<b>Foto</b> {caption}"),
        ],
    )
    assert len(sent) == 3
    shown = bot.api.transcript[-3:]
    assert [shown_length(m.text) <= CAPTION_LIMIT for m in shown] == [True, True, True]
    assert shown[0].plain.startswith("Kendala <pengiriman> & keterlambatan")
    assert shown[1].text == "Lampiran kedua"
    assert shown[2].text.startswith("<b>Foto</b> Kendala &lt;pengiriman&gt;")


async def test_a_document_sent_by_the_outbox_with_a_long_stored_caption_arrives(
    bot: Harness,
) -> None:
    """Passed before too (the document caption was fitted already): a guard."""
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    with bot.svc.db.write() as session:
        meta = NewDocument(kind="surat_edaran", file_name="surat.pdf", mime_type="application/pdf")
        document = archive.store(
            session, root=bot.svc.archive_dir, content=b"%PDF-1.4", meta=meta, now=bot.clock.now()
        )
        outbox.create_broadcast(
            session,
            kind="surat_edaran",
            ref_id=None,
            text=STORED.replace("<", "&lt;").replace(">", "&gt;").replace(" & ", " &amp; "),
            recipients=[(None, owner.telegram_id)],
            now=bot.clock.now(),
            document_id=document.id,
        )
    result = await bot.drain_outbox()
    assert result.sent == 1
    last = owner.last
    assert last.document is not None and last.document[0] == "surat.pdf"
    assert shown_length(last.text) <= CAPTION_LIMIT
    assert last.plain.startswith("Kendala <pengiriman> & keterlambatan")

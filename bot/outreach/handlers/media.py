"""Photos (an album is one batch) and typed notes of the socialisation, for its report: the
"sosialisasi_media" conversation (drawn in bot/outreach/sosialisasi_media.mmd)."""

from __future__ import annotations

from enum import IntEnum

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core import files
from bot.core.labels import megabytes
from bot.core.roles import Role
from bot.letters.handlers.card import back_to_card
from bot.letters.handlers.flow import awaited_draft
from bot.outreach import texts
from bot.outreach.callbacks import CollectMedia, MediaDone
from bot.outreach.drafts import MediaDraft
from bot.outreach.usecases import day
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show
from bot.ui.uploads import download

TEAM = (Role.KEPALA, Role.TIM)
MAX_PHOTO_BYTES = 10 * 1024 * 1024


class MediaState(IntEnum):
    """Where the "sosialisasi_media" conversation waits."""

    COLLECTING = 0


@on_press(CollectMedia, *TEAM, stale=ConversationHandler.END)
async def start(update: Update, context: Context, member: Member, data: CollectMedia) -> int:
    """ "Unggah foto & catatan": photos and notes are awaited until "Selesai"."""
    await answer(update)
    if not day.takes_media(services(context), letter_id=data.letter_id):
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    drafts.write(context.user_data, MediaDraft(letter_id=data.letter_id))
    remember_step(context.user_data, MediaState.COLLECTING)
    done = button(texts.SOC_MEDIA_DONE_BUTTON, MediaDone(data.letter_id))
    await show(update, texts.SOC_MEDIA_ASK, InlineKeyboardMarkup([[done]]))
    return MediaState.COLLECTING


@on_press(MediaDone, *TEAM, stale=ConversationHandler.END)
async def done(update: Update, context: Context, member: Member, data: MediaDone) -> int:
    """ "Selesai": how many photos and notes were kept."""
    await answer(update)
    draft = drafts.read(context.user_data, MediaDraft)
    drafts.clear(context.user_data, MediaDraft)
    if draft is drafts.DROPPED:
        await show(update, app_texts.DRAFT_DROPPED, back_to_card(data.letter_id))
        return ConversationHandler.END
    photos, notes = (draft.photos, draft.notes) if draft is not None else (0, 0)
    text = texts.SOC_MEDIA_DONE.format(photos=photos, notes=notes)
    await show(update, text, back_to_card(data.letter_id))
    return ConversationHandler.END


def _image(message: Message) -> tuple[str, int, str] | None:
    """The file id, size and name of the photo or image file in ``message``."""
    if message.photo:
        largest = message.photo[-1]
        return largest.file_id, largest.file_size or 0, "foto.jpg"
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        return document.file_id, document.file_size or 0, document.file_name or "foto.jpg"
    return None


@members_only(*TEAM)
async def received(update: Update, context: Context, member: Member) -> int:
    """A photo, an image file or a typed note."""
    message = update.effective_message
    assert message is not None
    draft = await awaited_draft(update, context, MediaDraft)
    if draft is None:
        return ConversationHandler.END
    svc = services(context)
    if message.text:
        if not day.keep_note(
            svc, letter_id=draft.letter_id, text=message.text, actor_id=member.user_id
        ):
            await message.reply_text(app_texts.STALE_BUTTON)
            return ConversationHandler.END
        draft.notes += 1
        drafts.write(context.user_data, draft)
        await message.reply_text(texts.SOC_NOTE_SAVED)
        return MediaState.COLLECTING
    return await _photo(message, context, member, draft)


async def _photo(message: Message, context: Context, member: Member, draft: MediaDraft) -> int:
    image = _image(message)
    if image is None:
        await message.reply_text(texts.SOC_MEDIA_NOT_IMAGE)
        return MediaState.COLLECTING
    file_id, size, name = image
    if size > MAX_PHOTO_BYTES:
        await message.reply_text(
            texts.SOC_PHOTO_TOO_BIG.format(size=megabytes(size), limit=megabytes(MAX_PHOTO_BYTES))
        )
        return MediaState.COLLECTING
    photo = await download(context, file_id)
    if photo is None:
        limit = megabytes(MAX_PHOTO_BYTES)
        await message.reply_text(texts.SOC_PHOTO_TOO_BIG.format(size=f"> {limit}", limit=limit))
        return MediaState.COLLECTING
    # The report shows JPEG and PNG; anything else (an SVG, a corrupt file) is refused here.
    checked = files.check_upload(photo, (files.JPEG, files.PNG))
    if checked.mime is None:
        await message.reply_text(texts.SOC_PHOTO_REFUSED.format(reason=checked.reason))
        return MediaState.COLLECTING
    if not day.keep_photo(
        services(context),
        letter_id=draft.letter_id,
        photo=photo,
        file_name=files.safe_name(name, checked.mime, fallback="foto"),
        mime_type=checked.mime,
        file_id=file_id,
        actor_id=member.user_id,
    ):
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    draft.photos += 1
    album = message.media_group_id or ""
    # An album arrives as several messages: acknowledge it once, not once per photo.
    if not album or album != draft.album:
        await message.reply_text(texts.SOC_MEDIA_SAVED.format(count=draft.photos))
    draft.album = album
    drafts.write(context.user_data, draft)
    return MediaState.COLLECTING

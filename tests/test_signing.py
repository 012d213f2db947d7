"""Who a signed document names: never someone who did not approve it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.profile import load_profile
from bot.core.signing import approval

AT = datetime(2027, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Jayapura"))


def test_the_profile_head_signs_with_rank_and_an_acting_head_in_their_own_name() -> None:
    profile = load_profile()
    own = approval(
        profile,
        kind="surat-undangan",
        acting="",
        approved_by="Yulianus Lokobal",
        approver_nip="19740610 200003 1 002",  # the profile's head, typed with spaces
        at=AT,
        code="7KQ4M9XD",
    )
    assert own.signatory == profile.head
    acting = approval(
        profile,
        kind="surat-undangan",
        acting="Plh",
        approved_by="Beni Asso, S.E.",
        approver_nip="198503152010012003",
        at=AT,
        code="7KQ4M9XD",
    )
    assert (acting.signatory.name, acting.signatory.nip) == (
        "Beni Asso, S.E.",
        "198503152010012003",
    )
    assert acting.capacity == "Plh. Kepala Bagian Pengadaan Barang/Jasa"


def test_a_new_head_not_yet_in_the_profile_signs_in_their_own_name() -> None:
    """After "Ganti Kepala UKPBJ" the profile may still name the former head; the document
    names the head who approved it, not the former one."""
    profile = load_profile()
    signed = approval(
        profile,
        kind="surat-undangan",
        acting="",
        approved_by="Budi Santoso, S.T.",
        approver_nip="198001012005011001",
        at=AT,
        code="7KQ4M9XD",
    )
    assert signed.signatory.name == "Budi Santoso, S.T."
    assert signed.signatory.nip == "198001012005011001"
    assert signed.signatory.position == profile.head.position
    assert signed.capacity == "Kepala Bagian Pengadaan Barang/Jasa"
    assert "Yulianus" not in signed.note(ZoneInfo("Asia/Jayapura"))

"""Scenarios 4 and 5 (digest faults): articles dropped into the watched folder reach the channel once.

One bot serves the whole module: the digest scans on a fixed schedule (its first scan comes a
few seconds after start-up), so sharing the process keeps the suite fast, and the scans that
follow each test double as the check that nothing is posted twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from harness import CHANNEL_ID, GUILD_ID, BotProcess, FakeDiscord, folded, launch, shutdown, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

SCAN_TIMEOUT = 20.0  # first scan ≈ 5 s after start, then one every interval; compiling loads spaCy once
POSTS = rf"/channels/{CHANNEL_ID}/messages"

ARTICLES = {
    "k9": ("2026_coree_k9.txt", "La Corée du Sud livrera des obusiers K9 au Maroc\n"
           "Séoul, 20 janvier 2026 - Le Maroc a commandé 36 obusiers automoteurs K9 Thunder au groupe "
           "sud-coréen Hanwha Aerospace, selon l'agence Yonhap. Cette acquisition renforce la coopération "
           "militaire entre Rabat et Séoul.\n"),
    "brazil": ("2026_bresil_embraer.txt", "Le Maroc et le Brésil signent un accord de coopération militaire\n"
               "Brasilia, 4 février 2026 - Le Maroc et le Brésil ont signé un accord de coopération dans le "
               "domaine de la défense. Les Forces armées royales vont acquérir 6 avions Embraer C-390 "
               "Millennium auprès du constructeur brésilien Embraer.\n"),
    "italy": ("2026_italie_patrouilleurs.txt", "L'Italie fournit des patrouilleurs à la Marine royale marocaine\n"
              "Rome, 8 avril 2026 - La Marine royale marocaine va recevoir 4 patrouilleurs construits par le "
              "chantier italien Fincantieri, dans le cadre d'un accord de coopération militaire entre le Maroc "
              "et l'Italie.\n"),
    "japan": ("2026_japon_radars.txt", "Le Japon et le Maroc renforcent leur coopération de défense\n"
              "Tokyo, 15 mai 2026 - Le Japon et le Maroc ont signé un mémorandum de coopération militaire à "
              "Tokyo, prévoyant des échanges de cadets et des visites de navires.\n"),
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def digest_bot(compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
                     ) -> AsyncIterator[BotProcess]:
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    bot = await launch(fake, compiled, tmp_path_factory.mktemp("digest"))
    yield bot
    try:
        for key in ARTICLES:  # several scans later: still one post per article
            assert len(posts_about(fake, ARTICLES[key][0])) <= 1, f"{key} was posted twice"
    finally:
        await shutdown(bot, allow_tracebacks=True)  # the injected 5xx are logged with their cause


@pytest.fixture(autouse=True)
def no_new_violations(digest_bot: BotProcess) -> Iterator[None]:
    before = len(digest_bot.fake.violations)
    yield
    assert digest_bot.fake.violations[before:] == [], "fake Discord saw violations"


def posts_about(fake: FakeDiscord, doc: str) -> list[dict[str, Any]]:
    """Digest messages in the channel whose embeds name the article file ``doc``."""
    return [m for m in fake.channel_posts(CHANNEL_ID) if doc in text_of(m)]


def attempts_for(fake: FakeDiscord, doc: str) -> list[Any]:
    return [r for r in fake.requests if r.method == "POST" and r.path == POSTS and doc in str(r.json)]


async def drop_and_wait(bot: BotProcess, key: str) -> dict[str, Any]:
    name, text = ARTICLES[key]
    bot.drop_article(name, text)
    record = await bot.fake.wait_for(
        lambda r: r.method == "POST" and r.path == POSTS and r.status == 200 and name in str(r.json),
        SCAN_TIMEOUT, f"the digest post of {name}")
    assert record.message_id is not None
    return bot.fake.state.messages[record.message_id]


async def test_new_article_gives_one_digest_message_naming_its_facts(digest_bot: BotProcess) -> None:
    message = await drop_and_wait(digest_bot, "k9")
    text = folded(text_of(message))
    assert "k9 thunder" in text and "hanwha" in text
    assert "korea" in text or "coree" in text
    assert "36" in text
    assert message["mention_everyone"] is False
    assert len(posts_about(digest_bot.fake, ARTICLES["k9"][0])) == 1


async def test_rate_limited_post_is_retried_after_retry_after(digest_bot: BotProcess) -> None:
    fake = digest_bot.fake
    fault = fake.inject("POST", POSTS, status=429, retry_after=0.4)
    await drop_and_wait(digest_bot, "brazil")
    tries = attempts_for(fake, ARTICLES["brazil"][0])
    assert [r.status for r in tries] == [429, 200] and fault.hits == 1
    assert tries[1].time - tries[0].time >= 0.4, "retried only after retry_after"
    assert len(posts_about(fake, ARTICLES["brazil"][0])) == 1


async def test_server_error_500_is_retried_and_posted_once(digest_bot: BotProcess) -> None:
    fake = digest_bot.fake
    fake.inject("POST", POSTS, status=500)
    await drop_and_wait(digest_bot, "italy")
    tries = attempts_for(fake, ARTICLES["italy"][0])
    assert [r.status for r in tries] == [500, 200]
    assert len(posts_about(fake, ARTICLES["italy"][0])) == 1


async def test_server_error_503_is_retried_at_the_next_run_and_posted_once(digest_bot: BotProcess) -> None:
    """discord.py does not retry a 503 itself: the digest must keep the article for its next run."""
    fake = digest_bot.fake
    fake.inject("POST", POSTS, status=503)
    await drop_and_wait(digest_bot, "japan")
    tries = attempts_for(fake, ARTICLES["japan"][0])
    assert [r.status for r in tries] == [503, 200]
    # DIGEST_INTERVAL=1: the next run starts about a second later (a library retry would be immediate)
    assert tries[1].time - tries[0].time >= 0.5, "the retry came from the next scheduled run"
    assert len(posts_about(fake, ARTICLES["japan"][0])) == 1


async def test_article_dropped_with_its_byte_identical_copy_is_posted_once(digest_bot: BotProcess) -> None:
    """Both land in one scan: the first (by name) is posted once, the copy is only logged."""
    name, text = "2026_maroc_perou.txt", (
        "Le Maroc et le Pérou renforcent leur coopération militaire\n"
        "Lima, 2 juin 2026 - Le Maroc et le Pérou ont signé un accord de coopération militaire portant sur la"
        " formation des officiers et les échanges d'expérience.\n")
    copy = "2026_maroc_perou_copie.txt"
    digest_bot.drop_article(copy, text)
    digest_bot.drop_article(name, text)
    await digest_bot.fake.wait_for(
        lambda r: r.method == "POST" and r.path == POSTS and r.status == 200 and name in str(r.json),
        SCAN_TIMEOUT, f"the digest post of {name}")
    await asyncio.sleep(2.5)  # later scans post nothing more
    posts = [m for m in digest_bot.fake.channel_posts(CHANNEL_ID) if "perou" in text_of(m).lower()]
    assert len(posts) == 1, [text_of(m)[:200] for m in posts]
    assert name in text_of(posts[0]) and copy not in text_of(posts[0])
    assert "not posted: 2026_maroc_perou_copie.txt (copy of 2026_maroc_perou.txt)" in digest_bot.log()

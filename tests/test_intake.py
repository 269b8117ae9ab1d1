"""Adding articles: `bot.py add PATH_OR_URL` and the download behind `url:`, against a loopback web server.

The pages served are the own-words pages of tests/fixtures/html_pages/; nothing leaves 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.cli import main
from handlers.fetch import FetchRefused, _PublicResolver, fetch_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "html_pages"
DRONES = (PAGES / "drones.html").read_bytes()
MB = 1024 * 1024


def _app() -> web.Application:
    async def page(_: web.Request) -> web.Response:
        return web.Response(body=DRONES, content_type="text/html", charset="utf-8")

    async def home(_: web.Request) -> web.Response:
        return web.Response(body=(PAGES / "empty.html").read_bytes(), content_type="text/html")

    async def huge(request: web.Request) -> web.StreamResponse:  # 50 MB, no length announced
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        await resp.prepare(request)
        block = b"<p>" + b"x" * (MB - 7) + b"</p>\n"
        try:
            for _ in range(50):
                await resp.write(block)
        except (ConnectionResetError, RuntimeError):
            pass  # the client hung up, as it should
        return resp

    async def binary(_: web.Request) -> web.Response:
        return web.Response(body=os.urandom(4096), content_type="application/octet-stream")

    async def loop(request: web.Request) -> web.Response:
        other = "/loop-b" if request.path == "/loop-a" else "/loop-a"
        raise web.HTTPFound(other)

    async def chain(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/chain/{n + 1}")

    async def moved(_: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/article.html")

    app = web.Application()
    app.router.add_get("/article.html", page)
    app.router.add_get("/same-article", page)
    app.router.add_get("/home", home)
    app.router.add_get("/huge", huge)
    app.router.add_get("/binary", binary)
    app.router.add_get("/loop-a", loop)
    app.router.add_get("/loop-b", loop)
    app.router.add_get("/chain/{n}", chain)
    app.router.add_get("/moved", moved)
    return app


@pytest.fixture
async def site() -> AsyncIterator[str]:
    runner = web.AppRunner(_app())
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_a_page_is_fetched_through_a_redirect(site: str) -> None:
    got = await fetch_page(f"{site}/moved", allow_private=True)
    assert got.url == f"{site}/article.html" and got.data == DRONES and got.content_type == "text/html"


@pytest.mark.parametrize(("path", "says"), [
    ("/huge", "too large"),
    ("/binary", "not a web page: 127.0.0.1 sent application/octet-stream"),
    ("/loop-a", "redirect loop"),
    ("/chain/0", "too many redirects"),
])
async def test_hostile_answers_are_refused_with_one_line(site: str, path: str, says: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        await fetch_page(f"{site}{path}", allow_private=True)
    assert says in str(refused.value) and "\n" not in str(refused.value)


async def test_an_announced_length_over_the_cap_is_refused_before_reading(site: str) -> None:
    with pytest.raises(FetchRefused, match="too large"):
        await fetch_page(f"{site}/article.html", allow_private=True, max_bytes=1000)


async def test_private_and_loopback_addresses_are_refused_unless_allowed(site: str) -> None:
    port = site.rsplit(":", 1)[1]
    for url in (f"{site}/article.html", f"http://localhost:{port}/article.html", "http://10.1.2.3/x",
                "http://[::1]/x", "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(FetchRefused, match="private or local network"):
            await fetch_page(url)
    with pytest.raises(FetchRefused, match="private or local network"):  # a name that resolves to loopback
        await _PublicResolver().resolve("localhost", 80)
    with pytest.raises(FetchRefused, match="only http and https"):
        await fetch_page("file:///etc/passwd", allow_private=True)


def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    monkeypatch.setenv("SEEDS_DIR", str(seeds))
    monkeypatch.setenv("FACTS_DB", str(tmp_path / "facts.sqlite3"))
    return seeds


def test_add_saves_under_its_own_name_compiles_and_stores_the_same_text_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = _env(tmp_path, monkeypatch)
    given = tmp_path / "évil name; rm -rf ..html"  # the name given is never the name stored
    given.write_bytes(DRONES)
    assert main(["add", str(given)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added “Les FAR reçoivent leurs premiers drones turcs” (2024-06-05, atlasdefense.ma):")
    assert "facts found" in out
    files = sorted(p.name for p in seeds.iterdir())
    assert len(files) == 1 and files[0].startswith("article-") and files[0].endswith(".html")

    twin = tmp_path / "later.htm"  # the same page saved later, with one more comment: the same article
    twin.write_bytes(DRONES.replace(b"</section>", b'<div class="comment"><p>Et la maintenance ?</p></div></section>'))
    assert twin.read_bytes() != DRONES
    assert main(["add", str(twin)]) == 0
    assert capsys.readouterr().out.startswith(f"Already in the fact base as {files[0]}")
    assert main(["add", str(given)]) == 0  # the same bytes again
    assert "Already in the fact base" in capsys.readouterr().out
    assert sorted(p.name for p in seeds.iterdir()) == files


def test_add_markdown_and_refusals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    seeds = _env(tmp_path, monkeypatch)
    md = tmp_path / "navy.md"
    md.write_text("# Morocco and Spain hold joint naval drill off Tangier\n\n"
                  + (PAGES / "navy.txt").read_text(encoding="utf-8").split("\n", 1)[1]
                  .replace("MAD 133.4 billion", "**MAD 133.4 billion**"), encoding="utf-8")
    assert main(["add", str(md)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added “Morocco and Spain hold joint naval drill off Tangier” (2025-03-14,")
    saved = next(seeds.glob("article-*.txt")).read_text(encoding="utf-8")
    assert saved.startswith("Morocco and Spain") and "**" not in saved

    home = tmp_path / "home.html"
    home.write_bytes((PAGES / "empty.html").read_bytes())
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x00\x00" * 100)
    for path, says in ((home, "the page has no article text"), (exe, "only .htm, .html, .markdown, .md, .txt"),
                       (tmp_path / "missing.txt", "cannot read")):
        assert main(["add", str(path)]) == 1
        assert says in capsys.readouterr().out
    assert len(list(seeds.iterdir())) == 1  # nothing refused was written


async def test_bot_py_add_url_stores_one_file_for_the_same_page_at_two_addresses(
        site: str, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    env = {**os.environ, "SEEDS_DIR": str(seeds), "FACTS_DB": str(tmp_path / "facts.sqlite3"),
           "ALLOW_PRIVATE_URLS": "true"}

    async def add(url: str) -> tuple[int, str]:
        proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), "add", url, env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await proc.communicate()
        return proc.returncode or 0, out.decode() + err.decode()

    code, out = await add(f"{site}/article.html")
    assert code == 0 and out.startswith("Added “Les FAR reçoivent leurs premiers drones turcs”"), out
    saved = list(seeds.iterdir())
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"<!-- saved from url=(")
    code, out = await add(f"{site}/same-article")
    assert code == 0 and out.startswith(f"Already in the fact base as {saved[0].name}"), out
    code, out = await add(f"{site}/binary")
    assert code == 1 and out.startswith("Not added: not a web page"), out
    env["ALLOW_PRIVATE_URLS"] = "false"
    code, out = await add(f"{site}/article.html")
    assert code == 1 and "private or local network" in out, out
    assert len(list(seeds.iterdir())) == 1


def test_bot_py_add_answers_in_french_with_lang_or_lang_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = _env(tmp_path, monkeypatch)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    given = tmp_path / "drones.html"
    given.write_bytes(DRONES)
    assert main(["add", "--lang", "fr", str(given)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ajouté : “Les FAR reçoivent leurs premiers drones turcs” (2024-06-05, atlasdefense.ma) ;")
    assert " faits trouvés ; enregistré sous article-" in out or " fait trouvé ; enregistré sous article-" in out
    name = next(seeds.iterdir()).name
    assert main(["add", "--lang=fr", str(given)]) == 0
    assert capsys.readouterr().out.startswith(f"Déjà dans la base de faits sous {name} : ")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # no --lang: the environment's language
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x00\x00" * 100)
    assert main(["add", str(exe)]) == 1
    assert capsys.readouterr().out.strip() == \
        "Non ajouté : tool.exe : seuls les fichiers .htm, .html, .markdown, .md, .txt sont des articles"
    assert main(["add", str(tmp_path / "missing.txt")]) == 1
    assert capsys.readouterr().out.startswith("Non ajouté : impossible de lire ")
    assert main(["add", "--lang", "en", str(exe)]) == 1
    assert capsys.readouterr().out.startswith("Not added: tool.exe: only .htm")
    assert main(["add", "--lang", "de", str(exe)]) == 2
    assert "--lang takes one of en, fr" in capsys.readouterr().err


async def test_fetch_refusals_are_written_in_the_current_language(site: str) -> None:
    from handlers.i18n import using

    with using("fr"), pytest.raises(FetchRefused, match="seules les adresses http et https peuvent être"):
        await fetch_page("file:///etc/passwd", allow_private=True)
    too_large = r"la page est trop volumineuse \(.*Mo\) ; la limite est de 0,001 Mo"
    with using("fr"), pytest.raises(FetchRefused, match=too_large):
        await fetch_page(f"{site}/article.html", allow_private=True, max_bytes=1000)
    with pytest.raises(FetchRefused, match="the page is too large"):
        await fetch_page(f"{site}/article.html", allow_private=True, max_bytes=1000)

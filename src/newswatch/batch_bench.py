"""The batch benchmark: WARC files generated from our own page templates, timed end to end.

The pages are news articles in English and Russian written from templates (people with roles,
organisations, places, quotes with attributions, dates, outlets, site furniture), with a few
records of the kinds a crawl holds besides: a 404, a PDF. The same seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import random
import resource
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

__all__ = ["bench_batch", "generate_warcs", "page_html"]

_PEOPLE_EN = [
    ("Stanislav Zas", "CSTO Secretary-General", "the Collective Security Treaty Organization"),
    ("Aigul Nurlanova", "Deputy Foreign Minister", "Kazakhstan's Foreign Ministry"),
    ("Rustam Karimov", "spokesman for the Ministry of Energy", "the Ministry of Energy"),
    ("Dilnoza Yusupova", "head of the regional water agency", "the Regional Water Agency"),
    ("Bakyt Toktogulov", "Minister of Transport", "the Ministry of Transport"),
    ("Farrukh Sharipov", "chairman of the National Bank", "the National Bank"),
    ("Elena Morozova", "UN resident coordinator", "the United Nations"),
    ("Timur Aliyev", "senior analyst", "the Central Asia Institute"),
]  # fmt: skip
_PEOPLE_RU = [
    ("Станислав Зась", "генеральный секретарь ОДКБ", "ОДКБ"),
    ("Айгуль Нурланова", "заместитель министра иностранных дел", "МИД Казахстана"),
    ("Рустам Каримов", "пресс-секретарь министерства энергетики", "Минэнерго"),
    ("Дилноза Юсупова", "глава регионального водного агентства", "Водное агентство"),
    ("Бакыт Токтогулов", "министр транспорта", "Минтранс"),
    ("Фаррух Шарипов", "председатель Национального банка", "Нацбанк"),
]  # fmt: skip
_PLACES_EN = ["Dushanbe", "Bishkek", "Tashkent", "Almaty", "Astana", "Khujand", "Osh", "Termez"]
_PLACES_RU = ["Душанбе", "Бишкеке", "Ташкенте", "Алматы", "Астане", "Худжанде", "Оше", "Термезе"]
_TOPICS_EN = [
    ("water", "the Rogun dam"), ("energy", "the Toktogul reservoir"), ("trade", "the rail link"),
    ("security", "the Afghan border"), ("finance", "the new currency rules"),
    ("migration", "seasonal workers"), ("transport", "the Pamir highway"),
]  # fmt: skip
_TOPICS_RU = [
    ("водоснабжение", "Рогунской ГЭС"), ("энергетика", "Токтогульского водохранилища"),
    ("торговля", "новой железной дороги"), ("безопасность", "афганской границы"),
    ("финансы", "новых валютных правил"), ("миграция", "сезонных работников"),
]  # fmt: skip
_OUTLETS = [("Asia-Plus", "asiaplustj.info"), ("24.kg", "24.kg"), ("Kun.uz", "kun.uz")]
_VIA_EN = ["RIA Novosti", "TASS", "Interfax", "Reuters"]
_VIA_RU = ["РИА Новости", "ТАСС", "Интерфакс"]
_WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _paragraphs_en(rng: random.Random, n: int, day: date) -> tuple[str, list[str]]:
    name, role, org = rng.choice(_PEOPLE_EN)
    other, other_role, _ = rng.choice([p for p in _PEOPLE_EN if p[0] != name])
    place = rng.choice(_PLACES_EN)
    topic, thing = rng.choice(_TOPICS_EN)
    surname = name.split()[-1]
    title = f"{place}: {org.removeprefix('the ').capitalize()} on {thing}, report {n}"
    paragraphs = [
        f"{place}, {day:%B} {day.day}, {day.year} — {role.capitalize()} {name} said on "
        f"{rng.choice(_WEEKDAYS_EN)} that work on {thing} would continue this year, as the "
        f"{topic} programme number {n} enters its next stage.",
        f"“We have done everything that was planned for {thing}, and the next stage will start "
        f"on time,” {name} told reporters in {place}.",
        f"According to {other}, the {other_role}, the costs of {thing} have grown by "
        f"{rng.randint(3, 40)} percent since last year.",
        f"“There is no threat to the schedule,” Mr. {surname} said, cited by {rng.choice(_VIA_EN)}.",
        f"{other} said that {org} had asked for a report on {thing} by the end of the month, "
        f"and that the {topic} ministries of the region would meet in {rng.choice(_PLACES_EN)}.",
        f"Residents of {place} told reporters they had waited for a decision on {thing} for "
        f"{rng.randint(2, 12)} years.",
    ]
    rng.shuffle(paragraphs[2:])
    return title, paragraphs[: rng.randint(4, 6)]


def _paragraphs_ru(rng: random.Random, n: int, day: date) -> tuple[str, list[str]]:
    name, role, org = rng.choice(_PEOPLE_RU)
    other, other_role, _ = rng.choice([p for p in _PEOPLE_RU if p[0] != name])
    place = rng.choice(_PLACES_RU)
    topic, thing = rng.choice(_TOPICS_RU)
    title = f"{org}: строительство {thing}, сообщение {n}"
    paragraphs = [
        f"{role.capitalize()} {name} заявил {day.day} числа в {place}, что работы вокруг {thing} "
        f"продолжатся в этом году, а программа «{topic}» номер {n} переходит к новому этапу.",
        f"«Мы сделали всё, что было запланировано, и следующий этап начнется вовремя», — "
        f"сказал {name} журналистам.",
        f"По словам {other_role} {other}, расходы выросли на {rng.randint(3, 40)} процентов "
        "по сравнению с прошлым годом.",
        f"«Угрозы срокам нет», — передает {rng.choice(_VIA_RU)} слова {name}.",
        f"Жители города рассказали, что ждали решения {rng.randint(2, 12)} лет.",
    ]
    rng.shuffle(paragraphs[2:])
    return title, paragraphs[: rng.randint(3, 5)]


def page_html(n: int, *, seed: int = 0) -> tuple[str, bytes]:
    """The URL and HTML of generated page ``n``: an article with its site furniture around it."""
    rng = random.Random(seed * 1_000_003 + n)
    outlet, domain = rng.choice(_OUTLETS)
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 365))
    russian = rng.random() < 0.35
    title, paragraphs = (_paragraphs_ru if russian else _paragraphs_en)(rng, n, day)
    lang = "ru" if russian else "en"
    related = "".join(
        f"<li><a href='/news/{rng.randint(1, 10**6)}.html'>{escape(t)}</a></li>"
        for t in ("Exchange rates for today", "All news", "Weather in the capital")
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{day.isoformat()}T09:{n % 60:02d}:00'>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav>"
        f"<article><h1>{escape(title)}</h1><div class='byline'>{outlet} staff</div>{body}</article>"
        f"<aside><h3>Related</h3><ul>{related}</ul></aside>"
        f"<footer>© {day.year} {outlet}. All rights reserved.</footer></body></html>"
    )
    return f"https://{domain}/news/{day.isoformat()}/{n}.html", html.encode("utf-8")


def _record(writer: WARCWriter, uri: str, body: bytes, ctype: str, status: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
    )


def generate_warcs(folder: Path, *, pages: int, files: int, seed: int = 0) -> list[Path]:
    """``pages`` generated pages spread over ``files`` gzipped WARC files (made once, then reused).

    One record in fifty is a 404 or a PDF, as in a real crawl.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"bench-{pages}-{seed}-{i:03d}.warc.gz" for i in range(files)]
    if all(p.exists() for p in paths):
        return paths
    for index, path in enumerate(paths):
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        with temp.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for n in range(index, pages, files):
                uri, html = page_html(n, seed=seed)
                if n % 50 == 49:
                    _record(
                        writer,
                        uri.replace(".html", ".pdf"),
                        b"%PDF-1.7 ...",
                        "application/pdf",
                        "200 OK",
                    )
                elif n % 50 == 24:
                    _record(writer, uri, b"<h1>Not found</h1>", "text/html", "404 Not Found")
                else:
                    _record(writer, uri, html, "text/html; charset=utf-8", "200 OK")
        temp.replace(path)
    return paths


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _warm_up() -> bool:
    """Load the pipeline's code and data in a worker before the clock starts."""
    from newswatch.pipeline import extract

    extract(page_html(0)[1], url="https://example.org/warm-up.html")
    return True


def _time_batch(warcs: list[Path], out: Path, workers: int) -> dict[str, Any]:
    from distributed import Client

    from newswatch.batch import (
        plan_units,
        prepare_output,
        run_batch,
        start_local_cluster,
        worker_memory,
    )
    from newswatch.settings import Settings

    prepare_output(out, None)
    units, _missing = plan_units([str(p) for p in warcs])
    with start_local_cluster(workers, dashboard=None) as cluster, Client(cluster) as client:
        client.run(_warm_up)
        summary = run_batch(units, out, client, settings=Settings())
        memory = worker_memory(client)
    peak = max(memory.values()) if memory else 0
    return {
        "articles": summary.articles,
        "errors": summary.errors,
        "seconds": round(summary.seconds, 1),
        "articles_per_second": round(summary.articles / summary.seconds, 2),
        "articles_per_cpu_second": round(summary.articles / summary.cpu_seconds, 2),
        "peak_mib_per_worker": round(peak / 2**20),
        "failed_tasks": len(summary.failed),
    }


def _time_load(out: Path, url: str) -> dict[str, Any]:
    from newswatch.batch_load import load_batch
    from newswatch.store import Store

    with Store.open(url) as store:
        started = time.perf_counter()
        summary = load_batch(out, store)
        seconds = time.perf_counter() - started
    new = summary.counts["new"] + summary.counts["duplicate"]
    return {"articles": new, "seconds": round(seconds, 1), "per_second": round(new / seconds, 1)}


def _limited_copy(out: Path, limit: int | None) -> Iterator[Path]:
    """``out`` itself, or a folder holding only its first shards up to ``limit`` articles."""
    from newswatch.batch_load import shard_paths

    if limit is None:
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="newswatch-load-") as tmp:
        total = 0
        for shard in shard_paths(out)[0]:
            if total >= limit:
                break
            (Path(tmp) / shard.name).symlink_to(shard.resolve())
            with gzip.open(shard, "rt", encoding="utf-8") as handle:
                total += sum(1 for _ in handle)
        yield Path(tmp)


def bench_batch(
    *,
    pages: int,
    files: int,
    worker_counts: list[int],
    work_dir: Path,
    postgres_admin: str | None = None,
    load_limit: int | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> dict[str, Any]:
    """Time the batch run for each worker count, then the bulk load into SQLite (and PostgreSQL)."""
    result: dict[str, Any] = {"commit": _commit(), "pages": pages, "warc_files": files}
    progress(f"bench: generating {pages} pages in {files} WARC files under {work_dir}")
    warcs = generate_warcs(work_dir / "warc", pages=pages, files=files)
    rates: dict[int, float] = {}
    last_out: Path | None = None
    for workers in worker_counts:
        out = work_dir / f"out-{workers}-{uuid.uuid4().hex[:6]}"
        progress(f"bench: batch with {workers} worker(s) into {out}")
        timing = _time_batch(warcs, out, workers)
        rates[workers] = timing["articles_per_second"]
        for key, value in timing.items():
            result[f"batch_{workers}w_{key}"] = value
        last_out = out
    if 1 in rates:
        for workers, rate in rates.items():
            if workers > 1:
                result[f"scaling_efficiency_{workers}w"] = round(rate / (rates[1] * workers), 3)
    assert last_out is not None
    for shard_dir in _limited_copy(last_out, load_limit):
        progress("bench: bulk load into SQLite")
        sqlite = work_dir / f"load-{uuid.uuid4().hex[:6]}.db"
        for key, value in _time_load(shard_dir, f"sqlite:///{sqlite}").items():
            result[f"load_sqlite_{key}"] = value
        sqlite.unlink(missing_ok=True)
        if postgres_admin:
            progress("bench: bulk load into PostgreSQL")
            for key, value in _time_postgres(shard_dir, postgres_admin).items():
                result[f"load_postgres_{key}"] = value
    result["client_peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _time_postgres(out: Path, admin: str) -> dict[str, Any]:
    import psycopg

    name = f"newswatch_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return _time_load(out, f"{admin.rsplit('/', 1)[0]}/{name}")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

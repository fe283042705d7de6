"""``newswatch bench pipeline``: the whole of ``extract`` (read -> quotes) timed per language.

The inputs are ~600-word articles built from sentence templates written for newswatch (invented
people, real places and outlets), so that the figures do not depend on any data set being present.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from dataclasses import dataclass
from typing import Any

from newswatch.pipeline import extract
from newswatch.settings import Settings

__all__ = ["BenchResult", "bench_pipeline", "make_article"]

_EN = {
    "names": ["Rustam Kholov", "Dilnoza Karimova", "Bakhtiyor Alimov", "Nurlan Asanov"],
    "places": ["Dushanbe", "Bishkek", "Tashkent", "Khujand", "Osh", "Termez"],
    "outlets": ["RIA Novosti", "Sputnik Tajikistan", "Asia-Plus", "24.kg", "Kabar"],
    "sentences": [
        "“The situation on the border with {place} remains calm, but we are watching it closely,” {name} said on Monday.",
        "{name} said that the ministry would open two new crossings near {place} before the spring.",
        "According to {name}, trade between the two countries grew by a fifth in the first nine months.",
        "“We have agreed to exchange data on water flows every day,” {name} told reporters in {place}, {outlet} reports.",
        "The deputy minister also noted that the talks would resume in {place} later this month.",
        "Officials in {place} have not commented on the plan, which was first reported by {outlet}.",
        "The meeting was attended by delegations from five countries and lasted more than four hours.",
        "“This issue is not being discussed at this time. We should not approach it in a simplistic way, {name} was cited as saying by {outlet}.",
        "He added that the new rules would not affect seasonal workers who arrive with valid documents.",
        "The road between {place} and the border was closed for two days because of snow and rockfall.",
    ],
}  # fmt: skip
_RU = {
    "names": ["Хуршед Назарзода", "Шоира Шарифзода", "Нурбек Асанкулов", "Аскар Жумагалиев"],
    "places": ["Душанбе", "Бишкеке", "Ташкенте", "Худжанде", "Оше", "Термезе"],
    "outlets": ["ТАСС", "РИА Новости", "«Ховар»", "Sputnik Таджикистан", "«Кабар»"],
    "sentences": [
        "«Ситуация на границе остается спокойной, но мы внимательно следим за ней», — заявил {name} в понедельник.",
        "{name} сообщил, что министерство откроет два новых пункта пропуска до весны.",
        "По словам {name_gen}, товарооборот между странами вырос на пятую часть.",
        "«Мы договорились ежедневно обмениваться данными о стоке воды», — сказал {name} журналистам в {place}, передает {outlet}.",
        "Замминистра также отметил, что переговоры продолжатся в конце месяца.",
        "В министерстве отметили, что новые правила не коснутся сезонных работников.",
        "Во встрече приняли участие делегации пяти стран, она продолжалась более четырех часов.",
        "«Этот вопрос сейчас не обсуждается», — приводит слова {name_gen} {outlet}.",
        "Как отметил {name}, особое внимание будет уделено горным участкам границы.",
        "Дорога между {place} и границей была закрыта на два дня из-за снегопада.",
    ],
}  # fmt: skip
_GENITIVE = {
    "Хуршед Назарзода": "Хуршеда Назарзоды",
    "Шоира Шарифзода": "Шоиры Шарифзоды",
    "Нурбек Асанкулов": "Нурбека Асанкулова",
    "Аскар Жумагалиев": "Аскара Жумагалиева",
}


def make_article(lang: str, seed: int, words: int = 600) -> str:
    """A text dump of about ``words`` words in ``lang``, one paragraph per line."""
    data = _RU if lang == "ru" else _EN
    rng = random.Random(seed)
    lines: list[str] = []
    count = 0
    while count < words:
        paragraph = []
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(data["names"])
            sentence = rng.choice(data["sentences"]).format(
                name=name,
                name_gen=_GENITIVE.get(name, name),
                place=rng.choice(data["places"]),
                outlet=rng.choice(data["outlets"]),
            )
            paragraph.append(sentence)
            count += len(sentence.split())
        lines.append(" ".join(paragraph))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BenchResult:
    lang: str
    articles: int
    words_per_article: int
    seconds: float
    articles_per_second: float
    quotes: int
    startup_seconds: float
    max_rss_mb: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "articles": self.articles,
            "words_per_article": self.words_per_article,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
            "quotes": self.quotes,
            "startup_seconds": round(self.startup_seconds, 3),
            "max_rss_mb": round(self.max_rss_mb, 1),
        }


def _max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def bench_pipeline(lang: str, *, articles: int = 100, words: int = 600) -> BenchResult:
    """Time ``extract`` over generated articles; the first call (loading models) is start-up."""
    settings = Settings()
    inputs = [make_article(lang, seed, words).encode("utf-8") for seed in range(articles + 1)]
    t0 = time.perf_counter()
    extract(inputs[0], published="2022-12-20", settings=settings)
    startup = time.perf_counter() - t0
    quotes = 0
    t0 = time.perf_counter()
    for data in inputs[1:]:
        quotes += len(extract(data, published="2022-12-20", settings=settings).quotes)
    seconds = time.perf_counter() - t0
    return BenchResult(
        lang=lang,
        articles=articles,
        words_per_article=words,
        seconds=seconds,
        articles_per_second=articles / seconds if seconds else float("inf"),
        quotes=quotes,
        startup_seconds=startup,
        max_rss_mb=_max_rss_mb(),
    )

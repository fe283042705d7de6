from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.record import Article, Entity, Mention, Outlet, Quote, Speaker, article_id
from newswatch.store import Store


def make_article(
    text: str,
    *,
    language: str = "en",
    published: str | None = "2022-12-20",
    title: str | None = None,
    url: str | None = None,
    entities: tuple[Entity, ...] = (),
    quotes: tuple[Quote, ...] = (),
    outlet: Outlet | None = None,
) -> Article:
    return Article(
        id=article_id(url=url, text=text),
        text=text,
        url=url,
        language=language,
        published=published,
        title=title,
        entities=entities,
        quotes=quotes,
        outlet=outlet,
    )


def person(local: str, name: str, *aliases: str, roles: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id=local,
        name=name,
        type="PERSON",
        aliases=aliases,
        roles=roles,
        mentions=(Mention(0, 1, name),),
    )


def org(local: str, name: str, *aliases: str) -> Entity:
    return Entity(id=local, name=name, type="ORG", aliases=aliases)


def said(text: str, speaker: Entity, *, date: str | None = None) -> Quote:
    return Quote(
        text=text,
        kind="direct",
        start=0,
        end=len(text),
        speaker=Speaker(name=speaker.name, entity=speaker.id, mention=speaker.name),
        cue="said",
        date=date,
    )


ZAS_EN = person(
    "e1", "Stanislav Zas", "Stanislav", "Mr. Zas", "Zas", roles=("CSTO Secretary-General",)
)
CSTO_EN = org("e2", "Collective Security Treaty Organization", "CSTO")
ZAS_RU = person("e1", "Станислав Зась", "Зась", "Зася", roles=("генеральный секретарь ОДКБ",))
CSTO_RU = org("e2", "Организация Договора о коллективной безопасности", "ОДКБ")

EN_TEXT = (
    "The CSTO Secretary-General Stanislav believes there is no threat of direct armed intrusion "
    "from Afghanistan.\nCurrently, there is no threat of direct invasion from Afghanistan, Mr. Zas said."
)
RU_TEXT = (
    "Генеральный секретарь ОДКБ Станислав Зась считает, что угрозы вторжения из Афганистана нет.\n"
    "«Нам надо работать не на количество, а на качество», — приводит слова Зася РИА Новости."
)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def seed_and_russian_report() -> tuple[Article, Article]:
    english = make_article(
        EN_TEXT,
        entities=(ZAS_EN, CSTO_EN),
        quotes=(
            said(
                "Currently, there is no threat of direct invasion from Afghanistan",
                ZAS_EN,
                date="2022-12-19",
            ),
        ),
        title="CSTO chief: no threat of invasion from Afghanistan",
    )
    russian = make_article(
        RU_TEXT,
        language="ru",
        entities=(ZAS_RU, CSTO_RU),
        quotes=(said("Нам надо работать не на количество, а на качество", ZAS_RU),),
        title="Генсек ОДКБ: угрозы вторжения нет",
    )
    return english, russian


def test_store_same_article_twice_is_stored_once(store: Store) -> None:
    english, _ = seed_and_russian_report()
    assert store.add_article(english, source="a.txt").status == "new"
    assert store.add_article(english, source="a.txt").status == "duplicate"
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["quotes"] == 1


def test_store_one_entity_across_scripts_and_quotes_by_declined_speaker(store: Store) -> None:
    english, russian = seed_and_russian_report()
    store.add_article(english)
    store.add_article(russian)
    zas = store.entity("Зась")
    assert zas is not None
    assert zas["type"] == "PERSON"
    assert {"Stanislav Zas", "Станислав Зась"} <= {zas["name"], *zas["aliases"]}
    assert zas["languages"] == ["en", "ru"]
    assert zas["articles"] == 2
    assert store.entity("Stanislav Zas")["id"] == zas["id"]  # type: ignore[index]
    csto = store.entity("ОДКБ")
    assert csto is not None and store.entity("CSTO")["id"] == csto["id"]  # type: ignore[index]
    found = store.quotes(speaker="Зась").items
    assert {q["article"]["language"] for q in found} == {"en", "ru"}
    assert len(store.quotes(speaker="zas").items) == 2


def test_store_people_sharing_a_surname_stay_apart_unless_first_names_or_roles_agree(
    store: Store,
) -> None:
    minister = person("e1", "Ali Rahimov", "Rahimov", roles=("Minister of Energy",))
    other = person("e1", "Farrukh Rahimov", "Rahimov", roles=("Deputy Minister of Defence",))
    store.add_article(
        make_article("Ali Rahimov, the energy minister, spoke.", entities=(minister,))
    )
    store.add_article(
        make_article("Farrukh Rahimov, a deputy defence minister, spoke.", entities=(other,))
    )
    assert store.counts()["entities"] == 2
    # A surname alone joins only the person whose role agrees.
    bare = person("e1", "Rahimov", roles=("Deputy Defence Minister",))
    store.add_article(
        make_article("Rahimov, the deputy defence minister, said so.", entities=(bare,))
    )
    assert store.counts()["entities"] == 2
    unknown = person("e1", "Rahimov")
    store.add_article(make_article("A man called Rahimov said so.", entities=(unknown,)))
    assert store.counts()["entities"] == 3


def test_store_merged_entity_id_still_resolves(store: Store) -> None:
    first = person("e1", "Zas", roles=("CSTO Secretary-General",))
    store.add_article(make_article("Zas, the CSTO secretary-general, spoke.", entities=(first,)))
    old_id = store.find_entity("Zas")
    assert old_id is not None
    second = person("e1", "Dmitry Zas", "Zas", roles=("CSTO Secretary-General",))
    store.add_article(
        make_article("Dmitry Zas, the CSTO secretary-general, spoke again.", entities=(second,))
    )
    third = person("e1", "Stanislav Zas", roles=("CSTO Secretary-General",))
    store.add_article(
        make_article(
            "Stanislav Zas, the CSTO secretary-general, spoke once more.", entities=(third,)
        )
    )
    # Whatever was merged, the first id still leads to a live entity with the surname.
    entity = store.entity(old_id)
    assert entity is not None and "Zas" in {entity["name"], *entity["aliases"]}


def test_store_near_duplicate_wire_copy_joins_the_story(store: Store) -> None:
    wire = (
        "Tajikistan and Kyrgyzstan agreed on Tuesday to reopen the road crossing near Isfara for "
        "freight and passenger traffic by the end of June, the two governments announced after "
        "talks in Dushanbe. The crossing had been closed for almost two years after clashes."
    )
    a = make_article(wire, url="https://one.example/a", outlet=Outlet("One", "one.example"))
    b = make_article(
        wire + " Asia-Plus contributed.",
        url="https://two.example/b",
        outlet=Outlet("Two", "two.example"),
    )
    store.add_article(a)
    store.add_article(b)
    stories = store.stories().items
    assert len(stories) == 1
    assert [m["duplicate_of"] for m in stories[0]["articles"]] == [None, a.id]


def test_store_story_across_languages_from_shared_entities(store: Store) -> None:
    english, russian = seed_and_russian_report()
    store.add_article(english)
    store.add_article(russian)
    unrelated = make_article(
        "The Ministry of Energy said the Toktogul reservoir is low.",
        entities=(org("e1", "Ministry of Energy"),),
        published="2022-12-21",
    )
    store.add_article(unrelated)
    stories = store.stories(min_articles=2).items
    assert len(stories) == 1
    assert stories[0]["languages"] == ["en", "ru"]


def test_store_search_filters_and_pages(store: Store) -> None:
    for day in range(1, 8):
        store.add_article(
            make_article(
                f"Border talks continued in Dushanbe on day {day} of the month, officials said.",
                published=f"2023-03-{day:02d}",
                language="en",
                outlet=Outlet("Asia-Plus", "asiaplustj.info"),
            )
        )
    store.add_article(
        make_article(
            "Переговоры о границе продолжились в Душанбе.", language="ru", published="2023-03-02"
        )
    )
    first = store.search("border talks", limit=3)
    assert len(first.items) == 3 and first.next
    assert [i["published"] for i in first.items] == ["2023-03-07", "2023-03-06", "2023-03-05"]
    rest = store.search("border talks", limit=10, cursor=first.next)
    assert len(rest.items) == 4 and rest.next is None
    assert len(store.search("border", since="2023-03-03", until="2023-03-04").items) == 2
    assert len(store.search("границе", lang="ru").items) == 1
    assert store.search("border", outlet="asia-plus").items[0]["outlet"] == {
        "name": "Asia-Plus",
        "domain": "asiaplustj.info",
    }
    assert store.search('"officials said"').items
    assert not store.search('"said officials"').items


def test_store_errors_are_kept_and_sources_resume(store: Store) -> None:
    store.record_failure("bad.bin", "binary data, not a text or HTML document", digest="x")
    assert store.errors()[0]["reason"].startswith("binary")
    assert not store.source_done("bad.bin", "x")
    english, _ = seed_and_russian_report()
    store.add_article(english, source="good.txt", digest="d1")
    assert store.source_done("good.txt", "d1")
    assert not store.source_done("good.txt", "d2")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_store_hostile_queries_never_break_search(store: Store, query: str) -> None:
    store.search(query)
    store.quotes(about=query, speaker=query)


def test_store_a_shared_role_does_not_join_two_first_names(store: Store) -> None:
    first = person("e1", "Ali Rahimov", "Rahimov", roles=("spokesperson of the ministry",))
    second = person("e1", "Bahrom Rahimov", "Rahimov", roles=("spokesperson of the ministry",))
    store.add_article(make_article("Ali Rahimov, the spokesperson, spoke.", entities=(first,)))
    store.add_article(make_article("Bahrom Rahimov, the spokesperson, spoke.", entities=(second,)))
    assert store.counts()["entities"] == 2
    # A bare surname whose role fits both joins neither (and does not merge them).
    bare = person("e1", "Rahimov", roles=("spokesperson",))
    store.add_article(make_article("Rahimov, the spokesperson, said so.", entities=(bare,)))
    assert store.counts()["entities"] == 3
    assert store.entity("Ali Rahimov")["id"] != store.entity("Bahrom Rahimov")["id"]  # type: ignore[index]

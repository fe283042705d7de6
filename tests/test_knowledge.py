import json

import pytest

from newswatch.knowledge import KnowledgeError, load_knowledge, name_key, read_knowledge
from newswatch.record import ENTITY_TYPES


def test_knowledge_loads_once_and_every_entry_is_well_formed():
    knowledge = load_knowledge()
    assert knowledge is load_knowledge()
    assert len(knowledge) > 150
    for entity in knowledge:
        assert entity.type in ENTITY_TYPES
        assert entity.names.get("en"), entity.id
        assert entity.names.get("ru"), entity.id
        assert entity.names.get("tg"), entity.id


def test_knowledge_finds_outlets_by_any_name_in_any_language():
    knowledge = load_knowledge()
    assert knowledge.outlet("RIA Novosti").id == "media:ria"
    assert knowledge.outlet("ТАСС").id == "media:tass"
    assert knowledge.outlet("«Ховар»").id == "media:khovar"
    assert knowledge.outlet("the 24.kg news agency").id == "media:24kg"
    assert knowledge.outlet("Sputnik Tajikistan").id == "media:sputnik-tj"
    assert knowledge.outlet("агентства «Азия-Плюс»").id == "media:asia-plus"
    assert knowledge.outlet("Collective Security Treaty Organization") is None


def test_knowledge_finds_organisations_by_acronym_in_every_language():
    knowledge = load_knowledge()
    csto = knowledge.organisation("CSTO")
    assert csto is not None and csto.id == "org:csto"
    assert knowledge.organisation("ОДКБ") is csto
    assert knowledge.organisation("Организации Договора о коллективной безопасности") is csto
    assert knowledge.organisation("ШОС").id == "org:sco"
    assert knowledge.organisation("ЕАЭС").id == "org:eaeu"
    assert knowledge.organisation("un") is None  # acronyms keep their letter case


def test_knowledge_finds_russian_names_in_any_case():
    knowledge = load_knowledge()
    assert knowledge.organisation("Министерству иностранных дел России").id == "org:ru-mfa"
    assert knowledge.place("Таджикистане").id == "gpe:tj"
    assert knowledge.place("Душанбе").id == "gpe:dushanbe"


def test_knowledge_finds_an_outlet_by_its_web_site():
    assert load_knowledge().outlet_by_domain("www.asiaplustj.info").id == "media:asia-plus"
    assert load_knowledge().outlet_by_domain("example.com") is None


def test_name_key_folds_case_quotes_yo_and_the():
    assert name_key("the  «Kremlin» ") == "kremlin"
    assert name_key("Объединённых") == name_key("объединенных")


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"entities": [{"id": "x", "type": "ORG", "names": {"en": ["X"]}}]},
        {"entities": [{"id": "org:x", "type": "THING", "names": {"en": ["X"]}}]},
        {"entities": [{"id": "org:x", "type": "ORG", "names": {}}]},
        {"entities": [{"id": "org:x", "type": "ORG", "names": {"en": ["X"]}, "in": "gpe:none"}]},
    ],
)
def test_knowledge_rejects_malformed_files(tmp_path, data):
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data))
    with pytest.raises(KnowledgeError):
        read_knowledge(path)


def test_knowledge_region_is_named_in_russian_by_its_full_name():
    for entity in load_knowledge():
        russian = entity.names.get("ru", ())
        if entity.type == "GPE" and any("област" in name for name in russian):
            assert "област" in russian[0], entity.id


def test_knowledge_knows_regional_outlets_by_their_short_names() -> None:
    from newswatch.knowledge import load_knowledge

    knowledge = load_knowledge()
    for name, kid in [
        ("Trend", "media:trend"),
        ("Orda.kz", "media:orda-kz"),
        ("Times of Central Asia", "media:tca"),
        ("bne IntelliNews", "media:bne"),
        ("Настоящее время", "media:current-time"),
    ]:
        found = knowledge.outlet(name)
        assert found is not None and found.id == kid, name

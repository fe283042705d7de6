"""Synthetic news articles for the knowledge-base benchmarks, from templates written for newswatch.

The articles read like the region's wire copy: invented people with stable roles at real
organisations of Central Asia, real places and outlets, statements in the usual forms (“…,” X
said; X said that…; according to X…; a colon lead-in; a quoted fragment; an unnamed source; a
statement carried by an outlet), in English or Russian, about 600 words each.

Everything is a function of ``(seed, index)``: article ``i`` of a seed is the same on every
machine and can be made on its own, so a benchmark base of 10⁵ articles is re-made exactly, and
the query terms are chosen from the same articles without reading the database.

Each :class:`Article` carries the entities and quotes its templates wrote, with offsets into its
text, so the quote tables of a base loaded from these records are realistic without running the
NLP stages. :func:`text_dump` renders a record as a scraped text dump (headline, dateline, text,
site furniture) for the full pipeline.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from string import Formatter
from typing import Any

from newswatch.record import Article, Entity, Mention, Outlet, Quote, Speaker, article_id

__all__ = ["FIRST_DAY", "LAST_DAY", "generate_article", "generate_articles", "text_dump"]

FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2024, 12, 31)
_TARGET_WORDS = 600
_PEOPLE = 6000

# -- people: invented names from the region's naming patterns ----------------------------------
# (English, Russian) first names by gender.
_FIRST_M = [
    ("Farrukh", "Фаррух"), ("Dilshod", "Дильшод"), ("Rustam", "Рустам"), ("Bakhtiyor", "Бахтиёр"),
    ("Shavkat", "Шавкат"), ("Nurlan", "Нурлан"), ("Askar", "Аскар"), ("Azamat", "Азамат"),
    ("Timur", "Тимур"), ("Jamshed", "Джамшед"), ("Sherzod", "Шерзод"), ("Ulugbek", "Улугбек"),
    ("Daniyar", "Данияр"), ("Erlan", "Ерлан"), ("Kairat", "Кайрат"), ("Bolot", "Болот"),
    ("Almazbek", "Алмазбек"), ("Kubat", "Кубат"), ("Firdavs", "Фирдавс"), ("Alisher", "Алишер"),
    ("Murod", "Мурод"), ("Khurshed", "Хуршед"), ("Saidmurod", "Саидмурод"), ("Yerzhan", "Ержан"),
    ("Marat", "Марат"), ("Talant", "Талант"), ("Bekzod", "Бекзод"), ("Otabek", "Отабек"),
]  # fmt: skip
_FIRST_F = [
    ("Zarina", "Зарина"), ("Gulnora", "Гульнора"), ("Malika", "Малика"), ("Nigora", "Нигора"),
    ("Dinara", "Динара"), ("Madina", "Мадина"), ("Kamila", "Камила"), ("Aziza", "Азиза"),
    ("Parvina", "Парвина"), ("Mavluda", "Мавлюда"), ("Aida", "Аида"), ("Gulnara", "Гульнара"),
    ("Saida", "Саида"), ("Nodira", "Нодира"), ("Asel", "Асель"), ("Zulfiya", "Зульфия"),
]  # fmt: skip
# (English, Russian) surnames in the masculine form.
_SURNAMES = [
    ("Rahimov", "Рахимов"), ("Nazarov", "Назаров"), ("Karimov", "Каримов"), ("Saidov", "Саидов"),
    ("Yusupov", "Юсупов"), ("Abdullaev", "Абдуллаев"), ("Tursunov", "Турсунов"),
    ("Ismoilov", "Исмоилов"), ("Sharipov", "Шарипов"), ("Mirzoev", "Мирзоев"), ("Kholov", "Холов"),
    ("Davletov", "Давлетов"), ("Zhaksybekov", "Жаксыбеков"), ("Omurbekov", "Омурбеков"),
    ("Asanov", "Асанов"), ("Temirov", "Темиров"), ("Beknazarov", "Бекназаров"),
    ("Sultanov", "Султанов"), ("Umarov", "Умаров"), ("Kasymov", "Касымов"),
    ("Jumabaev", "Джумабаев"), ("Akhmedov", "Ахмедов"), ("Safarov", "Сафаров"),
    ("Hamidov", "Хамидов"), ("Latipov", "Латипов"), ("Boboev", "Бобоев"), ("Nurmatov", "Нурматов"),
    ("Ergashev", "Эргашев"), ("Toktogulov", "Токтогулов"), ("Seitkaliev", "Сейткалиев"),
    ("Rahimzoda", "Рахимзода"), ("Nurzoda", "Нурзода"), ("Saidzoda", "Саидзода"),
    ("Hakimzoda", "Хакимзода"), ("Qodirzoda", "Кодирзода"), ("Sharifzoda", "Шарифзода"),
    ("Mahmadaliev", "Махмадалиев"), ("Dzhaparov", "Джапаров"), ("Ibraimov", "Ибраимов"),
    ("Kenzhebaev", "Кенжебаев"), ("Orozbekov", "Орозбеков"), ("Tokayev", "Токаев"),
    ("Mamatkulov", "Маматкулов"), ("Usmonov", "Усмонов"), ("Ziyoev", "Зиёев"),
]  # fmt: skip

# -- organisations: (English name, acronym or "", Russian nominative, Russian genitive, kind) ----
_ORGS = [
    ("Collective Security Treaty Organization", "CSTO", "Организация Договора о коллективной безопасности", "Организации Договора о коллективной безопасности", "intl"),
    ("Shanghai Cooperation Organisation", "SCO", "Шанхайская организация сотрудничества", "Шанхайской организации сотрудничества", "intl"),
    ("Eurasian Economic Union", "EAEU", "Евразийский экономический союз", "Евразийского экономического союза", "intl"),
    ("Organization for Security and Co-operation in Europe", "OSCE", "Организация по безопасности и сотрудничеству в Европе", "Организации по безопасности и сотрудничеству в Европе", "intl"),
    ("World Bank", "", "Всемирный банк", "Всемирного банка", "intl"),
    ("Asian Development Bank", "ADB", "Азиатский банк развития", "Азиатского банка развития", "intl"),
    ("International Monetary Fund", "IMF", "Международный валютный фонд", "Международного валютного фонда", "intl"),
    ("Ministry of Foreign Affairs of Tajikistan", "", "Министерство иностранных дел Таджикистана", "Министерства иностранных дел Таджикистана", "ministry"),
    ("Ministry of Energy and Water Resources of Tajikistan", "", "Министерство энергетики и водных ресурсов Таджикистана", "Министерства энергетики и водных ресурсов Таджикистана", "ministry"),
    ("Ministry of Labor, Migration and Employment of Tajikistan", "", "Министерство труда, миграции и занятости населения Таджикистана", "Министерства труда, миграции и занятости населения Таджикистана", "ministry"),
    ("Ministry of Emergency Situations of Kyrgyzstan", "", "Министерство чрезвычайных ситуаций Киргизии", "Министерства чрезвычайных ситуаций Киргизии", "ministry"),
    ("Ministry of Foreign Affairs of Uzbekistan", "", "Министерство иностранных дел Узбекистана", "Министерства иностранных дел Узбекистана", "ministry"),
    ("Ministry of Energy of Kazakhstan", "", "Министерство энергетики Казахстана", "Министерства энергетики Казахстана", "ministry"),
    ("Ministry of Health of Kyrgyzstan", "", "Министерство здравоохранения Киргизии", "Министерства здравоохранения Киргизии", "ministry"),
    ("State Committee for National Security of Tajikistan", "GKNB", "Государственный комитет национальной безопасности Таджикистана", "Государственного комитета национальной безопасности Таджикистана", "agency"),
    ("Customs Service of Tajikistan", "", "Таможенная служба Таджикистана", "Таможенной службы Таджикистана", "agency"),
    ("National Bank of Kazakhstan", "", "Национальный банк Казахстана", "Национального банка Казахстана", "agency"),
    ("Barqi Tojik", "", "Барки Точик", "Барки Точик", "company"),
    ("KazMunayGas", "", "КазМунайГаз", "КазМунайГаза", "company"),
    ("Uzbekneftegaz", "", "Узбекнефтегаз", "Узбекнефтегаза", "company"),
    ("Kyrgyz Railways", "", "Кыргыз темир жолу", "Кыргыз темир жолу", "company"),
    ("Jogorku Kenesh", "", "Жогорку Кенеш", "Жогорку Кенеша", "parliament"),
    ("Majlisi Oli", "", "Маджлиси Оли", "Маджлиси Оли", "parliament"),
    ("Central Asian Institute for Strategic Studies", "", "Центральноазиатский институт стратегических исследований", "Центральноазиатского института стратегических исследований", "think"),
    ("American University of Central Asia", "AUCA", "Американский университет в Центральной Азии", "Американского университета в Центральной Азии", "think"),
]  # fmt: skip
# (English, Russian nominative, Russian genitive) per kind of organisation.
_ROLES = {
    "intl": [("Secretary-General", "генеральный секретарь", "генерального секретаря"), ("spokesperson", "официальный представитель", "официального представителя"), ("regional director", "региональный директор", "регионального директора"), ("senior economist", "старший экономист", "старшего экономиста")],
    "ministry": [("deputy minister", "заместитель министра", "заместителя министра"), ("spokesperson", "пресс-секретарь", "пресс-секретаря"), ("head of department", "начальник управления", "начальника управления")],
    "agency": [("deputy chairman", "заместитель председателя", "заместителя председателя"), ("spokesperson", "пресс-секретарь", "пресс-секретаря")],
    "company": [("chairman", "председатель правления", "председателя правления"), ("chief engineer", "главный инженер", "главного инженера"), ("spokesperson", "пресс-секретарь", "пресс-секретаря")],
    "parliament": [("deputy", "депутат", "депутата"), ("committee chairman", "председатель комитета", "председателя комитета")],
    "think": [("analyst", "аналитик", "аналитика"), ("director", "директор", "директора"), ("professor", "профессор", "профессора")],
}  # fmt: skip

# -- places: (English, Russian nominative, Russian prepositional, type) --------------------------
_PLACES = [
    ("Tajikistan", "Таджикистан", "Таджикистане", "GPE"), ("Kyrgyzstan", "Киргизия", "Киргизии", "GPE"),
    ("Uzbekistan", "Узбекистан", "Узбекистане", "GPE"), ("Kazakhstan", "Казахстан", "Казахстане", "GPE"),
    ("Turkmenistan", "Туркмения", "Туркмении", "GPE"), ("Afghanistan", "Афганистан", "Афганистане", "GPE"),
    ("Russia", "Россия", "России", "GPE"), ("China", "Китай", "Китае", "GPE"),
    ("Dushanbe", "Душанбе", "Душанбе", "GPE"), ("Tashkent", "Ташкент", "Ташкенте", "GPE"),
    ("Bishkek", "Бишкек", "Бишкеке", "GPE"), ("Astana", "Астана", "Астане", "GPE"),
    ("Almaty", "Алматы", "Алматы", "GPE"), ("Khujand", "Худжанд", "Худжанде", "GPE"),
    ("Osh", "Ош", "Оше", "GPE"), ("Samarkand", "Самарканд", "Самарканде", "GPE"),
    ("Bukhara", "Бухара", "Бухаре", "GPE"), ("Khorog", "Хорог", "Хороге", "GPE"),
    ("Kulob", "Куляб", "Кулябе", "GPE"), ("Batken", "Баткен", "Баткене", "GPE"),
    ("Jalal-Abad", "Джалал-Абад", "Джалал-Абаде", "GPE"), ("Nukus", "Нукус", "Нукусе", "GPE"),
    ("Termez", "Термез", "Термезе", "GPE"), ("Andijan", "Андижан", "Андижане", "GPE"),
    ("Fergana", "Фергана", "Фергане", "GPE"), ("Namangan", "Наманган", "Намангане", "GPE"),
    ("Shymkent", "Шымкент", "Шымкенте", "GPE"), ("Karaganda", "Караганда", "Караганде", "GPE"),
    ("Aktau", "Актау", "Актау", "GPE"), ("Naryn", "Нарын", "Нарыне", "GPE"),
    ("Karakol", "Каракол", "Караколе", "GPE"), ("Isfara", "Исфара", "Исфаре", "GPE"),
    ("Panjakent", "Пенджикент", "Пенджикенте", "GPE"), ("Vahdat", "Вахдат", "Вахдате", "GPE"),
    ("Bokhtar", "Бохтар", "Бохтаре", "GPE"), ("Murghab", "Мургаб", "Мургабе", "GPE"),
    ("Rasht Valley", "Раштская долина", "Раштской долине", "LOC"),
    ("Fergana Valley", "Ферганская долина", "Ферганской долине", "LOC"),
    ("Pamir", "Памир", "Памире", "LOC"), ("Issyk-Kul", "Иссык-Куль", "Иссык-Куле", "LOC"),
    ("Amu Darya", "Амударья", "Амударье", "LOC"), ("Syr Darya", "Сырдарья", "Сырдарье", "LOC"),
    ("Aral Sea", "Аральское море", "Аральском море", "LOC"), ("Zeravshan", "Зеравшан", "Зеравшане", "LOC"),
]  # fmt: skip

# -- outlets: (name, Russian name, domain) ------------------------------------------------------
_OUTLETS = [
    ("Asia-Plus", "«Азия-Плюс»", "asiaplustj.info"), ("Khovar", "«Ховар»", "khovar.tj"),
    ("Sputnik Tajikistan", "Sputnik Таджикистан", "tj.sputniknews.ru"),
    ("AKIpress", "AKIpress", "akipress.com"), ("24.kg", "24.kg", "24.kg"),
    ("Kun.uz", "Kun.uz", "kun.uz"), ("Gazeta.uz", "Газета.uz", "gazeta.uz"),
    ("Kazinform", "Казинформ", "inform.kz"), ("TASS", "ТАСС", "tass.ru"),
    ("RIA Novosti", "РИА Новости", "ria.ru"), ("Interfax", "«Интерфакс»", "interfax.ru"),
    ("Kaktus Media", "Kaktus Media", "kaktus.media"), ("Ozodi", "«Озоди»", "ozodi.org"),
    ("Avesta", "«Авеста»", "avesta.tj"),
]  # fmt: skip

# -- topics: statements and narrative, English and Russian --------------------------------------
# Each topic: (key, English nouns, Russian nouns, English claims, Russian claims, facts EN, facts RU).
# Claims are reported statements ("…" or "that …"); facts fill the narrative paragraphs.
_TOPICS: list[dict[str, list[str]]] = [
    {
        "en_claim": ["the construction of the {place} reservoir will be completed on schedule", "water allocation along the {river} must be agreed by all the riparian states", "the irrigation season in the {valley} had started without shortages", "the new pumping stations would supply {n} thousand hectares of farmland", "glacier melt in the {mountains} is accelerating faster than expected", "the government had set aside {n} million somoni for canal repairs"],
        "ru_claim": ["строительство водохранилища в {place_prep} будет завершено в срок", "распределение воды на {river_prep} должно быть согласовано всеми странами бассейна", "поливной сезон в {valley_prep} начался без перебоев", "новые насосные станции обеспечат водой {n} тысяч гектаров", "таяние ледников на {mountains_prep} ускоряется быстрее, чем ожидалось", "правительство выделило {n} миллионов сомони на ремонт каналов"],
        "en_fact": ["Farmers in the region depend on irrigation for cotton, wheat and fruit.", "The reservoir is expected to regulate the flow of the river during dry summers.", "Experts have long warned that the region's canals lose up to half of their water.", "The river basin is shared by five countries with competing needs for water and power.", "Hydropower provides most of the country's electricity, but output falls in winter."],
        "ru_fact": ["Фермеры региона зависят от орошения при выращивании хлопка, пшеницы и фруктов.", "Водохранилище должно регулировать сток реки в засушливые летние месяцы.", "Эксперты давно предупреждают, что каналы региона теряют до половины воды.", "Бассейн реки делят пять стран с разными потребностями в воде и энергии.", "Гидроэнергетика дает большую часть электроэнергии страны, но зимой выработка падает."],
        "en_title": ["{country} and {country2} agree on water sharing", "Reservoir in {place} to be finished this year", "Canal repairs promised before irrigation season"],
        "ru_title": ["{country_nom} и {country2_nom} договорились о распределении воды", "Водохранилище в {place_prep} достроят в этом году", "Каналы отремонтируют до начала поливного сезона"],
    },
    {
        "en_claim": ["there is no threat of a direct armed incursion across the southern border", "the joint exercises near {place} will involve {n} hundred servicemen", "border posts in the {mountains} are being reinforced with new equipment", "drug trafficking from {country2} remains the main challenge for the region", "the organisation will strengthen its rapid reaction forces this year", "cooperation between the security services has prevented several attacks"],
        "ru_claim": ["угрозы прямого вооруженного вторжения через южную границу нет", "в совместных учениях под {place_inst} примут участие {n} сотен военнослужащих", "пограничные заставы на {mountains_prep} оснащаются новой техникой", "наркотрафик из {country2_gen} остается главным вызовом для региона", "организация в этом году усилит силы быстрого реагирования", "сотрудничество спецслужб позволило предотвратить несколько нападений"],
        "en_fact": ["The border with Afghanistan stretches for more than 1,300 kilometres through mountains.", "The exercises are held every year and rotate between the member states.", "Security officials meet regularly to exchange information on militant groups.", "The situation on the border has been closely watched since 2021.", "Several posts were rebuilt last year with foreign assistance."],
        "ru_fact": ["Граница с Афганистаном протянулась более чем на 1300 километров по горам.", "Учения проводятся ежегодно поочередно в странах-участницах.", "Представители силовых ведомств регулярно обмениваются информацией о боевиках.", "За ситуацией на границе внимательно следят с 2021 года.", "В прошлом году несколько застав были перестроены при иностранной помощи."],
        "en_title": ["Joint drills to be held near {place}", "No threat of invasion, security officials say", "{country} reinforces border posts"],
        "ru_title": ["Совместные учения пройдут под {place_inst}", "Угрозы вторжения нет, заявили силовики", "{country_nom} укрепляет погранзаставы"],
    },
    {
        "en_claim": ["the number of labour migrants leaving for {country2} fell by {n} percent", "remittances remain the largest source of income for rural families", "migrants who were banned from entry can now apply to have the bans lifted", "the new patent rules will make work permits more expensive", "a centre for pre-departure training will open in {place} next month", "more than {n} thousand citizens returned home in the first quarter"],
        "ru_claim": ["число трудовых мигрантов, выезжающих в {country2_acc}, сократилось на {n} процентов", "денежные переводы остаются главным источником дохода сельских семей", "мигранты с запретом на въезд могут подать заявление о его снятии", "новые правила выдачи патентов сделают разрешения на работу дороже", "в {place_prep} в следующем месяце откроется центр подготовки мигрантов", "более {n} тысяч граждан вернулись на родину в первом квартале"],
        "en_fact": ["Hundreds of thousands of people from the region work abroad every year.", "Remittances account for a large share of the national economy.", "Entry bans have separated many families in recent years.", "Migrants often work in construction, trade and transport.", "The ruble exchange rate directly affects the money migrants send home."],
        "ru_fact": ["Сотни тысяч жителей региона ежегодно работают за рубежом.", "На денежные переводы приходится значительная часть экономики страны.", "Запреты на въезд за последние годы разлучили многие семьи.", "Мигранты чаще всего работают на стройках, в торговле и на транспорте.", "Курс рубля напрямую влияет на суммы, которые мигранты отправляют домой."],
        "en_title": ["Fewer migrants leave for {country2}", "Entry bans can be appealed, officials say", "Remittances fall again"],
        "ru_title": ["Меньше мигрантов уезжают в {country2_acc}", "Запрет на въезд можно обжаловать", "Денежные переводы снова сократились"],
    },
    {
        "en_claim": ["trade between the two countries grew by {n} percent last year", "the tariff on imported wheat will be cut from January", "a new checkpoint on the border with {country2} will open in spring", "exports of fruit and vegetables reached a record level", "customs procedures for trucks will be simplified", "the railway link to {place} will halve transport costs"],
        "ru_claim": ["товарооборот между двумя странами вырос на {n} процентов за прошлый год", "пошлина на ввозимую пшеницу будет снижена с января", "весной откроется новый пункт пропуска на границе с {country2_inst}", "экспорт плодоовощной продукции достиг рекордного уровня", "таможенные процедуры для грузовиков будут упрощены", "железная дорога до {place_gen} вдвое снизит транспортные расходы"],
        "en_fact": ["Trucks often wait for days at the border crossings.", "The region's trade has shifted towards China in recent years.", "Wheat imports cover a large part of domestic demand.", "The road through the mountain pass is closed for several months a year.", "Business associations have long asked for simpler customs rules."],
        "ru_fact": ["Грузовики порой по несколько дней простаивают на пунктах пропуска.", "В последние годы торговля региона сместилась в сторону Китая.", "Импорт пшеницы покрывает значительную часть внутреннего спроса.", "Дорога через перевал закрыта по несколько месяцев в году.", "Бизнес-ассоциации давно просят упростить таможенные правила."],
        "en_title": ["Trade with {country2} grows", "Wheat tariff to be cut", "New border checkpoint to open"],
        "ru_title": ["Товарооборот с {country2_inst} растет", "Пошлину на пшеницу снизят", "Откроется новый пункт пропуска"],
    },
    {
        "en_claim": ["electricity exports to {country2} will resume in May", "gas supplies to {place} have been fully restored", "the new power line will be commissioned before winter", "the tariff for households will not be raised this year", "the second unit of the plant produced its first power", "the country will be self-sufficient in fuel within {n} years"],
        "ru_claim": ["экспорт электроэнергии в {country2_acc} возобновится в мае", "подача газа в {place_acc} полностью восстановлена", "новая линия электропередачи будет введена в строй до зимы", "тарифы для населения в этом году повышаться не будут", "второй агрегат станции выработал первую электроэнергию", "страна обеспечит себя топливом в течение {n} лет"],
        "en_fact": ["Winter power cuts have been a problem in rural areas for years.", "The regional power grid was reconnected after a long break.", "Demand for electricity grows by several percent every year.", "Gas pipelines built in Soviet times need major repairs.", "The plant is one of the largest construction projects in the region."],
        "ru_fact": ["Зимние отключения электроэнергии годами остаются проблемой в сельской местности.", "Региональная энергосистема была вновь объединена после долгого перерыва.", "Спрос на электроэнергию ежегодно растет на несколько процентов.", "Газопроводы, построенные в советское время, нуждаются в ремонте.", "Станция является одним из крупнейших строительных проектов региона."],
        "en_title": ["Power exports to {country2} to resume", "Gas supply restored in {place}", "No tariff rise this year"],
        "ru_title": ["Экспорт электроэнергии в {country2_acc} возобновится", "Газоснабжение в {place_prep} восстановлено", "Тарифы повышать не будут"],
    },
    {
        "en_claim": ["{n} new cases of measles were registered in {place} this month", "the vaccination campaign will cover all children under five", "hospitals in the {valley} have received new equipment", "the outbreak is under control and there is no reason for panic", "a new maternity hospital will open in {place} in autumn", "the shortage of doctors in rural areas remains acute"],
        "ru_claim": ["в {place_prep} за месяц зарегистрировано {n} новых случаев кори", "кампания вакцинации охватит всех детей младше пяти лет", "больницы в {valley_prep} получили новое оборудование", "вспышка находится под контролем, и поводов для паники нет", "осенью в {place_prep} откроется новый роддом", "нехватка врачей в сельской местности остается острой"],
        "en_fact": ["Doctors say vaccination rates fell during the pandemic.", "Many rural clinics lack basic equipment and staff.", "Parents are urged to check their children's vaccination records.", "The ministry has asked international partners for vaccines.", "Young doctors often leave for the capital or abroad."],
        "ru_fact": ["По словам врачей, уровень вакцинации снизился во время пандемии.", "Многим сельским поликлиникам не хватает оборудования и персонала.", "Родителей призывают проверить прививочные карты детей.", "Министерство обратилось к международным партнерам за вакцинами.", "Молодые врачи часто уезжают в столицу или за границу."],
        "en_title": ["Measles cases rise in {place}", "Vaccination campaign starts", "New hospital to open in {place}"],
        "ru_title": ["В {place_prep} растет число случаев кори", "Началась кампания вакцинации", "В {place_prep} откроется новая больница"],
    },
]  # fmt: skip
_MOUNTAINS = [("Pamir", "Памире"), ("Tian Shan", "Тянь-Шане"), ("Alai range", "Алайском хребте")]
_VALLEYS = [("Fergana Valley", "Ферганской долине"), ("Rasht Valley", "Раштской долине"),
            ("Vakhsh valley", "Вахшской долине")]  # fmt: skip
_RIVERS = [("Amu Darya", "Амударье"), ("Syr Darya", "Сырдарье"), ("Vakhsh", "Вахше"),
           ("Zeravshan", "Зеравшане")]  # fmt: skip
# Other case forms of the countries, for the Russian templates: gen, acc, inst.
_COUNTRY_CASES = {
    "Таджикистан": ("Таджикистана", "Таджикистан", "Таджикистаном"),
    "Киргизия": ("Киргизии", "Киргизию", "Киргизией"),
    "Узбекистан": ("Узбекистана", "Узбекистан", "Узбекистаном"),
    "Казахстан": ("Казахстана", "Казахстан", "Казахстаном"),
    "Туркмения": ("Туркмении", "Туркмению", "Туркменией"),
    "Афганистан": ("Афганистана", "Афганистан", "Афганистаном"),
    "Россия": ("России", "Россию", "Россией"),
    "Китай": ("Китая", "Китай", "Китаем"),
}
# A long tail of rarer words: villages and districts, each named in few articles.
_DISTRICTS = [
    ("Darvoz", "Дарвоз"), ("Vanj", "Вандж"), ("Rushan", "Рушан"), ("Ishkoshim", "Ишкашим"),
    ("Shahritus", "Шаартуз"), ("Qubodiyon", "Кабодиён"), ("Farkhor", "Фархор"), ("Hamadoni", "Хамадони"),
    ("Muminobod", "Муминабад"), ("Baljuvon", "Бальджувон"), ("Tavildara", "Тавильдара"), ("Jirgatol", "Джиргиталь"),
    ("Asht", "Ашт"), ("Mastchoh", "Матча"), ("Ayni", "Айни"), ("Kuhistoni Mastchoh", "Кухистони Мастчох"),
    ("Leilek", "Лейлек"), ("Kadamjay", "Кадамжай"), ("Aksy", "Аксы"), ("Chatkal", "Чаткал"),
    ("Toktogul", "Токтогул"), ("Kochkor", "Кочкор"), ("At-Bashy", "Ат-Баши"), ("Tong", "Тон"),
    ("Alay", "Алай"), ("Chong-Alay", "Чон-Алай"), ("Uzgen", "Узген"), ("Kara-Suu", "Кара-Суу"),
    ("Boysun", "Байсун"), ("Sherobod", "Шерабад"), ("Denov", "Денау"), ("Zomin", "Зомин"),
    ("Forish", "Фариш"), ("Nurota", "Нурата"), ("Gijduvon", "Гиждуван"), ("Shofirkon", "Шафиркан"),
    ("Moynaq", "Муйнак"), ("Kungrad", "Кунград"), ("Beruniy", "Беруни"), ("Turtkul", "Турткуль"),
    ("Zhanaozen", "Жанаозен"), ("Beineu", "Бейнеу"), ("Kentau", "Кентау"), ("Sozak", "Созак"),
    ("Shardara", "Шардара"), ("Zharkent", "Жаркент"), ("Ushtobe", "Уштобе"), ("Balkhash", "Балхаш"),
]  # fmt: skip
_WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAYS_RU = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу",
                "в воскресенье"]  # fmt: skip
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
_MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
_FURNITURE_EN = ["All news", "Share", "Subscribe to our Telegram channel", "Most read",
                 "Tags: politics, region", "Photo: press service"]  # fmt: skip
_FURNITURE_RU = ["Все новости", "Поделиться", "Подписывайтесь на наш Telegram-канал",
                 "Самое читаемое", "Авторизуйтесь, пожалуйста", "Фото: пресс-служба"]  # fmt: skip
_PERSON_WEIGHTS = list(accumulate(1.0 / (k + 20) for k in range(_PEOPLE)))
_DISTRICT_WEIGHTS = list(accumulate(1.0 / (k + 1) ** 1.3 for k in range(len(_DISTRICTS))))


@dataclass(frozen=True, slots=True)
class _Person:
    en: str
    ru: str
    ru_gen: str
    surname_en: str
    surname_ru: str
    female: bool
    org: int
    role: tuple[str, str, str]


def _ru_genitive_first(name: str, female: bool) -> str:
    if female:
        if name.endswith("а"):
            return name[:-1] + ("и" if name[-2] in "кгхжшчщ" else "ы")
        if name.endswith("я"):
            return name[:-1] + "и"
        return name  # Асель: not declined
    return name[:-1] + "я" if name.endswith("й") else name + "а"


def _ru_surname(masc: str, female: bool) -> tuple[str, str]:
    """(nominative, genitive) of a surname in the person's gender."""
    if masc.endswith("зода"):
        return masc, masc
    if female:
        return masc + "а", masc + "ой"
    return masc, masc + "а"


@cache
def _person(seed: int, k: int) -> _Person:
    """Person ``k`` of the seed's cast: the same name, organisation and role in every article."""
    rng = random.Random(f"person:{seed}:{k}")
    female = rng.random() < 0.3
    first_en, first_ru = rng.choice(_FIRST_F if female else _FIRST_M)
    sur_en, sur_ru = rng.choice(_SURNAMES)
    if female and not sur_en.endswith("zoda"):
        sur_en += "a"
    sur_ru_nom, sur_ru_gen = _ru_surname(sur_ru, female)
    org = rng.randrange(len(_ORGS))
    role = rng.choice(_ROLES[_ORGS[org][4]])
    return _Person(
        en=f"{first_en} {sur_en}",
        ru=f"{first_ru} {sur_ru_nom}",
        ru_gen=f"{_ru_genitive_first(first_ru, female)} {sur_ru_gen}",
        surname_en=sur_en,
        surname_ru=sur_ru_nom,
        female=female,
        org=org,
        role=role,
    )


_GENERIC_FACTS_EN = [
    "The issue was discussed at a meeting in {place} earlier this week.",
    "A delegation from {country2} is expected to visit {place} later this month.",
    "Residents of {place} have complained about the situation for months.",
    "The figures were published by the statistics agency of {country}.",
    "Talks between {country} and {country2} are due to continue in {place}.",
    "Officials in {place} said preparations were already under way.",
    "Similar measures were introduced in {country2} two years ago.",
    "The next round of consultations will be held in {place} in {month}.",
    "Local authorities in {place} promised to report on progress by {month}.",
    "Observers in {country} said the decision had been expected for some time.",
    "Earlier, a similar agreement was signed with {country2}.",
    "The government of {country} has not commented on the reports.",
    "Prices in the markets of {place} rose noticeably over the past month.",
    "A working group of experts from {country} and {country2} was set up last year.",
    "Several international donors have offered to finance the work.",
    "The plan still has to be approved by parliament.",
]  # fmt: skip
_GENERIC_FACTS_RU = [
    "Этот вопрос обсуждался на совещании в {place_prep} на этой неделе.",
    "Делегация из {country2_gen} посетит {place_acc} в конце месяца.",
    "Жители {place_gen} жалуются на ситуацию уже несколько месяцев.",
    "Данные опубликовало статистическое агентство {country_gen}.",
    "Переговоры {country_gen} и {country2_gen} продолжатся в {place_prep}.",
    "Чиновники в {place_prep} сообщили, что подготовка уже идет.",
    "Похожие меры были введены в {country2_prep} два года назад.",
    "Следующий раунд консультаций пройдет в {place_prep} в {month_prep}.",
    "Местные власти в {place_prep} обещали отчитаться о ходе работ в {month_prep}.",
    "Наблюдатели в {country_prep} говорят, что такого решения давно ожидали.",
    "Ранее аналогичное соглашение было подписано с {country2_inst}.",
    "Правительство {country_gen} эти сообщения пока не комментирует.",
    "Цены на рынках {place_gen} за последний месяц заметно выросли.",
    "Рабочая группа экспертов {country_gen} и {country2_gen} была создана в прошлом году.",
    "Несколько международных доноров предложили профинансировать работы.",
    "План еще должен утвердить парламент.",
]  # fmt: skip
_MONTHS_RU_PREP = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                   "сентябре", "октябре", "ноябре", "декабре"]  # fmt: skip
_FRAGMENTS_EN = ["difficult but manageable", "a turning point for the region", "unacceptable",
                 "the best result in a decade", "a matter of national security",
                 "premature", "a serious warning"]  # fmt: skip
_FRAGMENTS_RU = ["сложной, но управляемой", "переломной для региона", "недопустимой",
                 "лучшей за десятилетие", "вопросом национальной безопасности",
                 "преждевременной", "серьезным предупреждением"]  # fmt: skip
# Organisations named without "the".
_NO_ARTICLE = {"Barqi Tojik", "KazMunayGas", "Uzbekneftegaz", "Kyrgyz Railways", "Jogorku Kenesh",
               "Majlisi Oli"}  # fmt: skip


def _the(name: str) -> str:
    return "" if name in _NO_ARTICLE else "the "


# Slots that name a place (written as entity mentions), and landscape slots by name.
_PLACE_SLOTS = {"place", "country", "country2"}
_LANDSCAPE = {"mountains": _MOUNTAINS, "valley": _VALLEYS, "river": _RIVERS}


@cache
def _parsed(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return list(Formatter().parse(template))


@dataclass
class _EntityDraft:
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class _QuoteDraft:
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str
    date: str | None
    date_text: str | None
    via: tuple[str, ...] = ()


class _Writer:
    """Builds an article's text paragraph by paragraph, keeping entity and quote offsets."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.offset = 0  # code points before the current paragraph
        self.length = 0  # code points of the current paragraph
        self.entities: dict[str, _EntityDraft] = {}
        self.local: dict[str, str] = {}
        self.quotes: list[_QuoteDraft] = []
        self.word_count = 0

    @property
    def at(self) -> int:
        return self.offset + self.length

    def text(self, piece: str) -> None:
        self.current.append(piece)
        self.length += len(piece)

    def entity(self, key: str, name: str, etype: str, surface: str) -> Speaker:
        """Write ``surface`` as a mention of entity ``key`` (created on its first mention)."""
        draft = self.entities.get(key)
        if draft is None:
            draft = self.entities[key] = _EntityDraft(name=name, type=etype)
            self.local[key] = f"e{len(self.entities)}"
        start = self.at
        draft.mentions.append(Mention(start=start, end=start + len(surface), text=surface))
        if surface != name and surface not in draft.aliases:
            draft.aliases.append(surface)
        self.text(surface)
        return Speaker(
            name=name,
            entity=self.local[key],
            mention=surface,
            start=start,
            end=start + len(surface),
        )

    def pronoun(self, key: str, word: str) -> Speaker:
        draft = self.entities[key]
        start = self.at
        self.text(word)
        return Speaker(
            name=draft.name, entity=self.local[key], mention=word, start=start, end=self.at
        )

    def end_paragraph(self) -> None:
        paragraph = "".join(self.current)
        self.paragraphs.append(paragraph)
        self.word_count += len(paragraph.split())
        self.offset += len(paragraph) + 1  # the "\n" between paragraphs
        self.current, self.length = [], 0

    def words(self) -> int:
        return self.word_count


class _Composer:
    """One article being written: its language, topic, date, outlet and cast."""

    def __init__(self, seed: int, index: int, language: str) -> None:
        self.rng = random.Random(f"article:{seed}:{index}")
        self.seed = seed
        self.ru = language == "ru"
        span = (LAST_DAY - FIRST_DAY).days
        self.published = FIRST_DAY + timedelta(days=self.rng.randrange(span + 1))
        self.topic = self.rng.choice(_TOPICS)
        self.outlet = self.rng.choice(_OUTLETS)
        self.w = _Writer()
        self.introduced: set[int] = set()
        self.last_person: int | None = None
        self.decks: dict[int, list[str]] = {}

    def draw(self, choices: list[str]) -> str:
        """A sentence from ``choices``, none twice in an article until all were used."""
        deck = self.decks.get(id(choices))
        if not deck:
            deck = self.decks[id(choices)] = self.rng.sample(choices, len(choices))
        return deck.pop()

    # -- templates ----------------------------------------------------------------------------
    def write(self, template: str, *, capital: bool = False) -> None:
        """Write a template, its place slots as entity mentions."""
        drawn: dict[str, Any] = {}  # each slot drawn once per template, when first used
        first = True
        for literal, slot, _spec, _conv in _parsed(template):
            if literal:
                self.w.text(literal[0].upper() + literal[1:] if capital and first else literal)
                first = False
            if slot is None:
                continue
            base, _, case = slot.partition("_")
            if base not in drawn:
                drawn[base] = self._draw(base, drawn)
            value = drawn[base]
            if base in _PLACE_SLOTS:
                surface = self._case(value, case)
                name = value[1] if self.ru else value[0]
                self.w.entity(f"g{value[0]}", name, value[3], surface)
            elif base == "month":
                self.w.text(_MONTHS_RU_PREP[value] if self.ru else _MONTHS_EN[value])
            elif isinstance(value, tuple):  # (English, Russian) pair of a landscape name
                self.w.text(value[1] if self.ru else value[0])
            else:
                self.w.text(value)
            first = False

    def _draw(self, base: str, drawn: dict[str, Any]) -> Any:
        rng = self.rng
        if base == "country":
            return rng.choice(_PLACES[:8])
        if base == "country2":
            return rng.choice([p for p in _PLACES[:8] if p != drawn.get("country")])
        if base == "place":
            return self._place()
        if base == "n":
            return str(rng.randint(2, 95))
        if base == "month":
            return rng.randrange(12)
        return rng.choice(_LANDSCAPE[base])

    def _case(self, entry: tuple[str, str, str, str], case: str) -> str:
        if not self.ru:
            return entry[0]
        if case in ("", "nom", "acc") and entry[1] not in _COUNTRY_CASES:
            return entry[1]
        if case == "prep":
            return entry[2]
        if entry[1] in _COUNTRY_CASES:
            gen, acc, inst = _COUNTRY_CASES[entry[1]]
            return {"gen": gen, "acc": acc, "inst": inst, "nom": entry[1], "": entry[1]}[case]
        return {"gen": _gen_of_place(entry), "inst": _inst_of_place(entry)}.get(case, entry[1])

    def _place(self) -> tuple[str, str, str, str]:
        if self.rng.random() < 0.25:  # the long tail: a district named in few articles
            at = bisect(_DISTRICT_WEIGHTS, self.rng.random() * _DISTRICT_WEIGHTS[-1])
            en, ru = _DISTRICTS[min(at, len(_DISTRICTS) - 1)]
            return en, ru, _prep_of_place(ru), "GPE"
        return self.rng.choice(_PLACES[8:36])

    def claim(self, *, capital: bool = False) -> None:
        self.write(self.draw(self.topic["ru_claim" if self.ru else "en_claim"]), capital=capital)

    def facts(self, n: int) -> None:
        generic = _GENERIC_FACTS_RU if self.ru else _GENERIC_FACTS_EN
        own = self.topic["ru_fact" if self.ru else "en_fact"]
        for i in range(n):
            if i:
                self.w.text(" ")
            self.write(self.draw(generic if self.rng.random() < 0.6 else own))

    def quoted(self, sentences: int) -> tuple[int, int]:
        start = self.w.at
        for i in range(sentences):
            if i:
                self.w.text(". ")
            self.claim(capital=True)
        return start, self.w.at

    def statement_date(self) -> tuple[str, str]:
        """(date, date_text) of a statement made up to six days before publication."""
        back = self.rng.randrange(0, 7)
        day = self.published - timedelta(days=back)
        if back == 0:
            return day.isoformat(), "сегодня" if self.ru else "today"
        if self.rng.random() < 0.5:
            weekday = day.weekday()
            return day.isoformat(), _WEEKDAYS_RU[
                weekday
            ] if self.ru else f"on {_WEEKDAYS_EN[weekday]}"
        if self.ru:
            return day.isoformat(), f"{day.day} {_MONTHS_RU[day.month - 1]}"
        return day.isoformat(), f"on {_MONTHS_EN[day.month - 1]} {day.day}"

    def quote(
        self,
        span: tuple[int, int],
        kind: str,
        speaker: Speaker | None,
        cue: str,
        when: tuple[str, str] | None = None,
        via: tuple[str, ...] = (),
    ) -> None:
        date_, date_text = when if when else (None, None)
        self.w.quotes.append(
            _QuoteDraft(span[0], span[1], kind, speaker, cue, date_, date_text, via)
        )

    # -- the cast -----------------------------------------------------------------------------
    def new_person(self) -> int:
        for _ in range(8):
            k = bisect(_PERSON_WEIGHTS, self.rng.random() * _PERSON_WEIGHTS[-1])
            if k not in self.introduced:
                return min(k, _PEOPLE - 1)
        return self.rng.randrange(_PEOPLE)

    def person(self, k: int, *, genitive: bool = False, tail: str = ",") -> Speaker:
        """A mention of person ``k``: the full name and role the first time, then the surname.

        ``tail`` closes the role's apposition (a comma mid-sentence, nothing before a full stop).
        """
        person = _person(self.seed, k)
        full = k not in self.introduced
        self.introduced.add(k)
        self.last_person = k
        name = person.ru if self.ru else person.en
        if full:
            surface = person.ru_gen if (self.ru and genitive) else name
        elif self.ru:
            surface = person.ru_gen.split()[-1] if genitive else person.surname_ru
        else:
            title = "Ms." if person.female else "Mr."
            use_title = self.rng.random() < 0.5
            surface = f"{title} {person.surname_en}" if use_title else person.surname_en
        speaker = self.w.entity(f"p{k}", name, "PERSON", surface)
        org = _ORGS[person.org]
        role = (
            f"{person.role[1]} {org[3]}"
            if self.ru
            else f"{person.role[0]} of {_the(org[0])}{org[0]}"
        )
        draft = self.w.entities[f"p{k}"]
        if role not in draft.roles:
            draft.roles.append(role)
        if full:
            self.role(person, genitive=genitive)
            self.w.text(tail)
        return speaker

    def role(self, person: _Person, *, genitive: bool = False) -> None:
        """ ", the spokesperson of the Ministry of …" after a person's first mention."""
        org = _ORGS[person.org]
        if self.ru:
            self.w.text(f", {person.role[2] if genitive else person.role[1]} ")
            self.org(person.org, genitive=True)
        else:
            self.w.text(f", the {person.role[0]} of {_the(org[0])}")
            self.org(person.org)

    def org(self, i: int, *, genitive: bool = False) -> Speaker:
        name_en, acronym, ru_nom, ru_gen, _kind = _ORGS[i]
        key = f"o{i}"
        if self.ru:
            return self.w.entity(key, ru_nom, "ORG", ru_gen if genitive else ru_nom)
        seen = key in self.w.entities
        surface = acronym if (seen and acronym) else name_en
        return self.w.entity(key, name_en, "ORG", surface)

    def outlet_name(self) -> str:
        name_en, name_ru, _domain = self.outlet
        self.w.entity("media", name_en, "MEDIA", name_ru if self.ru else name_en)
        return name_en

    def verb(self, k: int, masc: str) -> str:
        """A Russian past-tense verb in the person's gender."""
        return masc + "а" if _person(self.seed, k).female else masc


# -- paragraphs: each writes one paragraph in the usual forms of attribution -------------------
def _lead(c: _Composer) -> None:
    """Someone said on Monday that …: the lead, an indirect statement."""
    k = c.new_person()
    speaker = c.person(k)
    when = c.statement_date()
    if c.ru:
        c.w.text(f" {when[1]} {c.verb(k, 'заявил')}, что ")
        cue = "заявил"
    else:
        c.w.text(f" said {when[1]} that ")
        cue = "said"
    start = c.w.at
    c.claim()
    c.quote((start, c.w.at), "indirect", speaker, cue, when)
    c.w.text(". ")
    c.facts(1)


def _direct(c: _Composer) -> None:
    """“…,” Mr. X said. / «…», — сказал X."""
    k = c.last_person if c.last_person is not None and c.rng.random() < 0.5 else c.new_person()
    c.w.text("«" if c.ru else "“")
    span = c.quoted(c.rng.randint(1, 3))
    if c.ru:
        c.w.text("», — ")
        c.w.text(f"{c.verb(k, 'сказал')} ")
        speaker = c.person(k, tail="")
        cue = "сказал"
    else:
        c.w.text(",” ")
        speaker = c.person(k)
        c.w.text(" said")
        cue = "said"
    when = c.statement_date() if c.rng.random() < 0.4 else None
    c.w.text(f" {when[1]}." if when else ".")
    c.quote(span, "direct", speaker, cue, when)


def _according(c: _Composer) -> None:
    """According to X, … / По словам X, …"""
    k = c.new_person()
    c.w.text("По словам " if c.ru else "According to ")
    speaker = c.person(k, genitive=True)
    c.w.text(" ")
    start = c.w.at
    c.claim()
    c.quote((start, c.w.at), "indirect", speaker, "по словам" if c.ru else "according to")
    c.w.text(". ")
    c.facts(1)


def _colon(c: _Composer) -> None:
    """X added: “…” — a colon lead-in."""
    k = c.last_person if c.last_person is not None else c.new_person()
    speaker = c.person(k)
    c.w.text(f" {c.verb(k, 'добавил')}: «" if c.ru else " added: “")
    span = c.quoted(c.rng.randint(1, 2))
    c.w.text("»." if c.ru else ".”")
    c.quote(span, "direct", speaker, "добавил" if c.ru else "added")


def _continued(c: _Composer) -> None:
    """“…,” he said. — a pronoun for the last speaker."""
    if c.last_person is None:
        _direct(c)
        return
    k = c.last_person
    female = _person(c.seed, k).female
    c.w.text("«" if c.ru else "“")
    span = c.quoted(1)
    if c.ru:
        c.w.text("», — ")
        c.w.text(f"{c.verb(k, 'отметил')} ")
        speaker = c.w.pronoun(f"p{k}", "она" if female else "он")
        c.w.text(".")
    else:
        c.w.text(",” ")
        speaker = c.w.pronoun(f"p{k}", "she" if female else "he")
        c.w.text(" noted.")
    c.quote(span, "direct", speaker, "отметил" if c.ru else "noted")


def _via(c: _Composer) -> None:
    """“…,” X told Asia-Plus. / «…», — сказал X, передает ТАСС."""
    k = c.new_person()
    c.w.text("«" if c.ru else "“")
    span = c.quoted(1)
    if c.ru:
        c.w.text(f"», — {c.verb(k, 'сказал')} ")
        speaker = c.person(k, tail="")
        c.w.text(". Об этом передает ")
        outlet = c.outlet_name()
        c.w.text(".")
        cue = "сказал"
    else:
        c.w.text(",” ")
        speaker = c.person(k)
        c.w.text(" told ")
        outlet = c.outlet_name()
        c.w.text(".")
        cue = "told"
    c.quote(span, "direct", speaker, cue, via=(outlet,))


def _unnamed(c: _Composer) -> None:
    """A source told the outlet that … — a speaker with no entity."""
    if c.ru:
        name = "источник в правительстве"
        c.w.text("Как сообщил ")
        outlet = c.outlet_name()
        c.w.text(f" {name}, ")
    else:
        name = "a government source"
        c.w.text(f"{name[0].upper()}{name[1:]} told ")
        outlet = c.outlet_name()
        c.w.text(" that ")
    start = c.w.at
    c.claim()
    speaker = Speaker(name=name)
    c.quote((start, c.w.at), "indirect", speaker, "сообщил" if c.ru else "told", via=(outlet,))
    c.w.text(".")


def _partial(c: _Composer) -> None:
    """X described the situation as “…”. — a quoted fragment."""
    k = c.last_person if c.last_person is not None else c.new_person()
    speaker = c.person(k)
    fragment = c.rng.choice(_FRAGMENTS_RU if c.ru else _FRAGMENTS_EN)
    c.w.text(f" {c.verb(k, 'назвал')} ситуацию «" if c.ru else " described the situation as “")
    start = c.w.at
    c.w.text(fragment)
    c.quote((start, c.w.at), "partial", speaker, "назвал" if c.ru else "described")
    c.w.text("»." if c.ru else "”.")


def _statement(c: _Composer) -> None:
    """The ministry said in a statement that … — an organisation as the speaker."""
    i = c.rng.randrange(len(_ORGS))
    if c.ru:
        c.w.text("В заявлении ")
        speaker = c.org(i, genitive=True)
        c.w.text(" говорится, что ")
        cue = "говорится"
    else:
        c.w.text(_the(_ORGS[i][0]).capitalize())
        speaker = c.org(i)
        c.w.text(" said in a statement that ")
        cue = "said"
    start = c.w.at
    c.claim()
    c.quote((start, c.w.at), "indirect", speaker, cue)
    c.w.text(".")


def _narrative(c: _Composer) -> None:
    c.facts(c.rng.randint(2, 5))


_QUOTING = [_direct, _according, _colon, _continued, _via, _unnamed, _partial, _statement]


def generate_article(seed: int, index: int, language: str = "en") -> Article:
    """Article ``index`` of ``seed`` in ``language`` (``en`` or ``ru``), about 600 words."""
    if language not in ("en", "ru"):
        raise ValueError(f"language must be en or ru, not {language!r}")
    c = _Composer(seed, index, language)
    target = c.rng.randint(_TARGET_WORDS - 40, _TARGET_WORDS + 40)
    _lead(c)
    c.w.end_paragraph()
    while c.w.words() < target:
        c.rng.choice(_QUOTING)(c)
        c.w.end_paragraph()
        if c.rng.random() < 0.85:
            _narrative(c)
            c.w.end_paragraph()
    text = "\n".join(c.w.paragraphs)
    entities = tuple(
        Entity(
            id=f"e{n}",
            name=d.name,
            type=d.type,
            aliases=tuple(d.aliases),
            roles=tuple(d.roles),
            mentions=tuple(d.mentions),
        )
        for n, d in enumerate(c.w.entities.values(), start=1)
    )
    quotes = tuple(
        Quote(
            text=text[q.start : q.end],
            kind=q.kind,
            start=q.start,
            end=q.end,
            speaker=q.speaker,
            cue=q.cue,
            date=q.date,
            date_text=q.date_text,
            via=q.via,
        )
        for q in c.w.quotes
    )
    titles = c.topic["ru_title" if c.ru else "en_title"]
    title_writer = _Composer(seed, index, language)
    title_writer.rng = random.Random(f"title:{seed}:{index}")
    title_writer.write(c.rng.choice(titles), capital=True)
    title = "".join(title_writer.w.current)
    name, _ru_name, domain = c.outlet
    url = f"https://{domain}/news/{c.published:%Y/%m/%d}/{seed}-{index}"
    return Article(
        id=article_id(url=url, text=text),
        text=text,
        url=url,
        outlet=Outlet(name=name, domain=domain),
        language=language,
        title=title,
        published=c.published.isoformat(),
        entities=entities,
        quotes=quotes,
    )


def generate_articles(
    count: int, *, seed: int = 1, russian: float = 0.0, start: int = 0
) -> Iterator[Article]:
    """Articles ``start`` … ``start + count - 1`` of ``seed``; a share ``russian`` in Russian."""
    for index in range(start, start + count):
        language = "ru" if random.Random(f"lang:{seed}:{index}").random() < russian else "en"
        yield generate_article(seed, index, language)


def text_dump(article: Article) -> str:
    """The article as a scraped text dump: headline, dateline, text, then site furniture."""
    rng = random.Random(f"dump:{article.id}")
    ru = article.language == "ru"
    day = date.fromisoformat(article.published) if article.published else FIRST_DAY
    dateline = (
        f"{day.day} {_MONTHS_RU[day.month - 1]} {day.year}, {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"
        if ru
        else f"{_MONTHS_EN[day.month - 1]} {day.day}, {day.year} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"
    )
    furniture = rng.sample(_FURNITURE_RU if ru else _FURNITURE_EN, 3)
    other = []
    for n in range(3):  # the site's list of other headlines
        writer = _Composer(rng.randrange(1 << 30), n, article.language or "en")
        writer.write(rng.choice(rng.choice(_TOPICS)["ru_title" if ru else "en_title"]))
        other.append("".join(writer.w.current))
    lines = [article.title or "", dateline, article.text, *furniture[:2], *other, furniture[2]]
    return "\n".join(line for line in lines if line) + "\n"


def _gen_of_place(place: tuple[str, str, str, str]) -> str:
    nom = place[1]
    if nom.endswith("а"):
        return nom[:-1] + ("и" if nom[-2] in "кгхжшчщ" else "ы")
    if nom.endswith(("ь", "я")):
        return nom[:-1] + "и"
    if nom.endswith(("о", "е", "и", "у", "ы")):
        return nom
    return nom + "а"


def _prep_of_place(nom: str) -> str:
    if nom.endswith(("а", "я")):
        return nom[:-1] + "е"
    if nom.endswith("ь"):
        return nom[:-1] + "и"
    if nom.endswith(("о", "е", "и", "у", "ы")):
        return nom
    return nom + "е"


def _inst_of_place(place: tuple[str, str, str, str]) -> str:
    nom = place[1]
    if nom.endswith("а"):
        return nom[:-1] + "ой"
    if nom.endswith("ь"):
        return nom[:-1] + "ью"
    if nom.endswith(("о", "е", "и", "у", "ы")):
        return nom
    return nom + "ом"

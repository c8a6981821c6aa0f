"""Wild pages whose body runs over several stories: where the page's own story ends.

Small pages written here in made-up words, so what is pinned is the layout: an endless-scroll page
prints its story (dateline, headline, paragraphs), then tags and a long run of related links, then
the next story with its own dateline and headline. Only the first story is the page's.
"""

from __future__ import annotations

from newsflow.extraction.parse import _clean_lines, _cut_tail, parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

MENU = ["Inicio", "Región", "Deportes", "Cultura", "Clima", "Contacto"]

FIRST_HEAD = "Vecinos de Torralba pintan el puente viejo este domingo"
FIRST = [
    "Los vecinos del barrio de Torralba se reunirán el domingo por la mañana para pintar el puente "
    "viejo que cruza el arroyo, una tarea que la comisión vecinal planea desde el invierno pasado.",
    "La pintura la donó una ferretería del centro y los pinceles los traerá cada familia, según "
    "explicó la presidenta de la comisión, que espera a más de sesenta personas en la jornada.",
    "Habrá mate cocido y pan casero para quienes se acerquen a colaborar, y los niños podrán dibujar "
    "sobre un tablón que después se colgará en la entrada del puente como recuerdo del día.",
    "El municipio cortará el tránsito sobre el puente desde las siete hasta las dieciocho horas, y "
    "pidió a los conductores que usen el paso del molino mientras dure la pintura de las barandas.",
    "La comisión vecinal adelantó que, si sobra pintura, el mes próximo seguirán con los bancos de la "
    "plaza chica, que llevan años descascarados y que los chicos del barrio usan todas las tardes.",
]
TAGS = ["Etiquetas:", "puente torralba vecinos"]
RELATED = [
    "Lo más visto",
    "Región",
    "Nuevo horario para la feria de Torralba...",
    "Región",
    "Cortan el agua en el barrio alto por obras...",
    "Región",
    "El club de bochas estrena cancha techada...",
    "Región",
    "Suben las tarifas del colectivo urbano...",
    "Región",
]
SECOND_DATE = "4 de abril de 2024 06:10"
SECOND_HEAD = "Detienen a dos hombres por el robo de cables en la ruta siete"
SECOND = [
    "Dos hombres fueron detenidos la madrugada del miércoles cuando cargaban rollos de cable de cobre "
    "en una camioneta estacionada al costado de la ruta siete, cerca del cruce de Los Aromos.",
    "Según el parte policial, los vecinos avisaron al ver linternas junto a los postes y una patrulla "
    "llegó a tiempo para encontrar a los sospechosos con las herramientas todavía en la mano.",
    "La cooperativa eléctrica calculó que el corte dejó sin luz a unas cuatrocientas casas durante "
    "casi seis horas, hasta que las cuadrillas terminaron de reponer el tramo que faltaba.",
    "Los detenidos quedaron a disposición de la fiscalía de turno, que investiga si tienen relación "
    "con otros robos parecidos denunciados en la zona durante los últimos tres meses del año.",
    "La comisaría pidió a quienes tengan cámaras en los frentes de sus casas que revisen las "
    "grabaciones de esa noche y las acerquen para completar la causa contra los dos hombres.",
]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/wild.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _scroll_page() -> str:
    return _page(
        "\n".join(MENU),
        "Región",
        "3 de abril de 2024 07:45",
        FIRST_HEAD,
        "Foto 1 de 1",
        "El puente viejo de Torralba. Foto: archivo",
        "3 de abril de 2024 07:45",
        *FIRST,
        "\n".join(TAGS),
        *RELATED,
        SECOND_DATE,
        SECOND_HEAD,
        "Foto 1 de 1",
        "La ruta siete de noche. Foto: archivo",
        SECOND_DATE,
        *SECOND[:3],
        "Compartir",
    )


def _kept_by_the_tail_cut(text: str) -> str:
    """The body left when one span holds the whole scroll (the splitter saw no seam in it)."""
    body = _clean_lines(list(enumerate(text.splitlines(), start=1)), FIRST_HEAD)
    _cut_tail(body)
    return " ".join(body.paragraphs)


def test_a_dateline_and_headline_after_a_long_run_of_links_start_the_next_story() -> None:
    kept = _kept_by_the_tail_cut(_scroll_page())
    assert all(paragraph in kept for paragraph in FIRST)
    assert not any(paragraph in kept for paragraph in SECOND)
    assert RELATED[2] not in kept


def test_the_first_story_of_an_endless_scroll_page_is_the_pages_article() -> None:
    bodies = " ".join(article.body for article in _parse(_scroll_page()))
    assert all(paragraph in bodies for paragraph in FIRST)
    assert not any(paragraph in bodies for paragraph in SECOND)


def test_a_few_teasers_over_a_dated_run_do_not_make_a_story_to_close() -> None:
    teasers = ["Nuevo horario para la feria de Torralba, desde el lunes abre a las nueve."]
    kept = _kept_by_the_tail_cut(_page(*teasers, *RELATED, SECOND_DATE, SECOND_HEAD, *SECOND))
    assert all(paragraph in kept for paragraph in SECOND)


def test_a_long_run_of_short_lines_without_a_dateline_inside_a_story_keeps_what_follows() -> None:
    steps = [
        "Lijar la baranda",
        "Quitar el óxido de los pernos",
        "Limpiar con agua y jabón",
        "Dar la primera mano de fondo",
        "Esperar un día entero",
        "Dar la segunda mano de color",
        "Pintar los pilares del puente",
        "Retirar las cintas al terminar",
        "Guardar los tarros vacíos",
    ]
    page = _page("\n".join(MENU), "3 de abril de 2024 07:45", FIRST_HEAD, *FIRST, "\n".join(steps), *SECOND)
    bodies = " ".join(article.body for article in _parse(page))
    assert all(paragraph in bodies for paragraph in FIRST + SECOND)

"""Web pages built in code for the tests and the benchmark: no binary fixtures.

The news texts are made up for these tests; they are not copied from any outlet.
"""

from __future__ import annotations

from dataclasses import dataclass

EN_TITLE = "Baku opens volunteer registration for WUF13"
EN_PARAGRAPHS = (
    "The organising committee of the 13th World Urban Forum opened online registration for "
    "volunteers on Thursday, two months before the forum begins in Baku.",
    "According to the committee, about 1,500 volunteers will help guests at the venue, at the "
    "airport and at the main metro stations during the six days of the forum.",
    "Applicants must be at least 18 years old and speak English in addition to Azerbaijani or "
    "Russian. Training sessions will start in April at three universities in the capital.",
    "The committee said that students of urban planning and architecture are especially "
    "welcome, because many sessions of the forum deal with housing and public space.",
    "UN-Habitat, which co-organises the forum with the Government of Azerbaijan, expects "
    "delegations from more than 150 countries to take part in the event.",
    "Volunteers will receive a uniform, meals on duty days and a certificate signed by the "
    "organisers. The deadline for applications is 15 April.",
    "Officials added that a second call, for volunteers with medical training, will be "
    "announced later this month.",
)
EN_SOURCE = "Caspian Daily News"
EN_DATE = "2026-03-12 10:45"
EN_URL = "https://caspiandaily.example/society/2026/03/12/volunteers-wuf13"


@dataclass(frozen=True)
class Chrome:
    """Everything around the article: none of it may reach the extracted text."""

    nav: tuple[str, ...]
    cookie: str
    accept: str
    read_also: str
    related: tuple[str, ...]
    comments_heading: str
    comments: tuple[str, ...]
    footer: str

    def texts(self) -> tuple[str, ...]:
        return (
            *self.nav,
            self.cookie,
            self.accept,
            self.read_also,
            *self.related,
            self.comments_heading,
            *self.comments,
            self.footer,
            "Share on",
        )


EN_CHROME = Chrome(
    nav=("Home", "Politics", "Economy", "Society", "Subscribe to our newsletter"),
    cookie="We use cookies to improve your experience on our website.",
    accept="Accept all cookies",
    read_also="Read also",
    related=(
        "Metro timetable changes announced for the spring holidays",
        "New bus lanes open on the northern ring road",
    ),
    comments_heading="Comments (2)",
    comments=(
        "Great news, I already applied yesterday!",
        "Will there be volunteers from abroad as well?",
    ),
    footer="All rights reserved. Contact the editorial office.",
)

RU_TITLE = "В Баку обсудили транспортный план на время WUF13"
RU_PARAGRAPHS = (
    "В Баку прошло совещание, посвящённое работе общественного транспорта во время "
    "Всемирного форума городов.",
    "По словам участников, в дни форума автобусы будут ходить чаще, а у места проведения "
    "появятся временные остановки.",
    "Для участников форума планируется выдавать бесплатные проездные карты на все дни мероприятия.",
    "Представители города отметили, что новые велодорожки в центре будут открыты к маю.",
    "Кроме того, на нескольких станциях метро установят дополнительные указатели на "
    "английском языке.",
    "Окончательный вариант плана будет представлен в конце апреля.",
)
RU_SOURCE = "Бакинский вестник"
RU_DATE = "2026-02-20"
RU_CHROME = Chrome(
    nav=("Главная", "Политика", "Экономика", "Общество"),
    cookie="Мы используем файлы cookie, чтобы сайт работал лучше.",
    accept="Принять",
    read_also="Читайте также",
    related=("В столице откроют новый парк у моря", "Погода на выходные"),
    comments_heading="Комментарии (1)",
    comments=("Отличная новость, давно пора!",),
    footer="Все права защищены.",
)


_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | {source}</title>
<meta property="og:site_name" content="{source}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{iso_time}">
<link rel="canonical" href="{url}">
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">{source}</a>
  <nav class="main-nav"><ul>{nav}</ul></nav>
</header>
<div id="cookie-banner" class="cookie-consent">
  <p>{cookie}</p><button>{accept}</button>
</div>
<main>
<article class="article">
  <h1 class="headline">{title}</h1>
  <div class="byline">{source} · <time datetime="{iso_time}">{day}</time></div>
  <div class="article-body">
{body}
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
  </div>
</article>
<aside class="read-also">
  <h2>{read_also}</h2>
  <ul>{related}</ul>
</aside>
<section id="comments" class="comments">
  <h3>{comments_heading}</h3>
  {comments}
</section>
</main>
<footer class="site-footer"><p>© 2026 {source}. {footer}</p></footer>
</body>
</html>
"""


def _page(
    lang: str,
    title: str,
    paragraphs: tuple[str, ...],
    chrome: Chrome,
    source: str,
    iso_time: str,
    url: str,
) -> str:
    """A news-site page: nav, cookie banner, article, read-also, comments, footer."""
    nav = "".join(f'<li><a href="/s{i}">{word}</a></li>' for i, word in enumerate(chrome.nav))
    related = "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(chrome.related))
    comments = "".join(
        f'<div class="comment"><span class="author">reader{i}</span><p>{t}</p></div>'
        for i, t in enumerate(chrome.comments)
    )
    blocks = [f"<p>{p}</p>" for p in paragraphs]
    blocks.insert(
        3,
        f'<div class="inline-related"><strong>{chrome.read_also}:</strong> '
        f'<a href="/r9">{chrome.related[0]}</a></div>',
    )
    return _TEMPLATE.format(
        lang=lang,
        title=title,
        source=source,
        iso_time=iso_time,
        day=iso_time[:10],
        url=url,
        nav=nav,
        cookie=chrome.cookie,
        accept=chrome.accept,
        body="\n".join(blocks),
        read_also=chrome.read_also,
        related=related,
        comments_heading=chrome.comments_heading,
        comments=comments,
        footer=chrome.footer,
    )


def english_news_html(lang: str = "en", title: str = EN_TITLE, url: str = EN_URL) -> bytes:
    """The English news page; ``lang`` is what its ``<html lang>`` says."""
    return _page(
        lang, title, EN_PARAGRAPHS, EN_CHROME, EN_SOURCE, "2026-03-12T10:45:00+04:00", url
    ).encode("utf-8")


def russian_news_html() -> bytes:
    return _page(
        "ru",
        RU_TITLE,
        RU_PARAGRAPHS,
        RU_CHROME,
        RU_SOURCE,
        "2026-02-20",
        "https://vestnik.example/ru/transport-wuf13",
    ).encode("utf-8")


def no_article_html() -> bytes:
    """Only a header with navigation and a footer."""
    return b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Caspian Daily News</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy</a></li></ul></nav></header>
<footer><p>&copy; 2026 Caspian Daily News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer></body></html>"""

"""Web pages written for the capture tests: a news article's text (taken word for word from a seed source, or
a labelled test text) inside the clutter real news pages carry: navigation, a cookie banner, ads, share
buttons, a newsletter box, related links and a footer. Everything that is not the article is marked as test
clutter, and no address here is real except example.org placeholders."""

from __future__ import annotations

import html
import json


def news_page(
    title: str,
    paragraphs: list[str],
    *,
    publisher: str | None = "Example News (TEST PAGE)",
    author: str | None = "Test Reporter",
    published: str | None = "2020-08-14T10:30:00-04:00",
    url: str | None = "https://news.example.org/2020/08/test-article",
    paywalled: bool = False,
) -> bytes:
    """An article page; each argument set to None is left out of the page entirely."""
    meta = [f'<meta property="og:title" content="{html.escape(title)}">']
    if publisher:
        meta.append(f'<meta property="og:site_name" content="{html.escape(publisher)}">')
    if author:
        meta.append(f'<meta name="author" content="{html.escape(author)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if url:
        meta.append(f'<link rel="canonical" href="{url}">')
    structured: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title}
    if publisher:
        structured["publisher"] = {"@type": "Organization", "name": publisher}
    if published:
        structured["datePublished"] = published
    if paywalled:
        structured["isAccessibleForFree"] = False
    meta.append(f'<script type="application/ld+json">{json.dumps(structured)}</script>')
    byline = f'<p class="byline">By <a rel="author" href="/people/test">{html.escape(author)}</a></p>' if author else ""
    dateline = f'<time datetime="{published}">{published[:10]}</time>' if published else ""
    body = "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    related = "\n".join(
        f'<li><a href="/related/{n}">Related test story number {n} you might also like</a></li>' for n in range(1, 6)
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(publisher or "Test site")}</title>
{chr(10).join(meta)}
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience (test clutter).
  <button>Accept all cookies</button> <button>Manage preferences</button></div>
<header class="site-header">
  <nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/tech">Tech</a></li>
  <li><a href="/subscribe">Subscribe</a></li><li><a href="/login">Sign in</a></li></ul></nav>
</header>
<aside class="ad">ADVERTISEMENT: test advert text that must not be captured.</aside>
<main>
<article>
<h1>{html.escape(title)}</h1>
{byline}
{dateline}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Copy link</a></div>
<div class="article-body">
{body}
</div>
<div class="newsletter"><h3>Get the test newsletter</h3><p>Sign up for our daily test briefing.</p>
  <form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
</article>
<section class="related"><h2>Read next</h2><ul>
{related}
</ul></section>
</main>
<footer><p>© Test site. All rights reserved. Terms of use. Privacy policy.</p></footer>
</body>
</html>
""".encode()

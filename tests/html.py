"""Small HTML assertions shared by the tests: parse once, ask what a person would see."""

from html.parser import HTMLParser


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.inline_scripts = 0
        self.style_attributes = 0
        self.style_elements = 0
        self.links = []
        self.external_resources = []
        self.ids = set()
        self.error_summary = []  # (href, text) of each link in the error summary
        self._in_script = False
        self._in_error_summary = False
        self._summary_link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if "nhsuk-error-summary" in (attrs.get("class") or "").split():
            self._in_error_summary = True
        if self._in_error_summary and tag == "a":
            self._summary_link = [attrs.get("href", ""), ""]
        if tag == "h1":
            self.h1_count += 1
        if tag == "script":
            self._in_script = True
            if not attrs.get("src"):
                self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in attrs:
            self.style_attributes += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            is_resource = tag in {"script", "img", "iframe", "link"} and name in attrs
            if is_resource and value.startswith(("http://", "https://", "//")):
                if tag == "link" and attrs.get("rel") in {"canonical"}:
                    continue
                self.external_resources.append(value)

    def handle_data(self, data):
        if self._summary_link is not None:
            self._summary_link[1] += data

    def handle_endtag(self, tag):
        if self._summary_link is not None and tag == "a":
            self.error_summary.append((self._summary_link[0], self._summary_link[1].strip()))
            self._summary_link = None
        if self._in_error_summary and tag == "ul":
            self._in_error_summary = False


def parse(response_or_html):
    html = response_or_html
    if hasattr(response_or_html, "content"):
        html = response_or_html.content.decode()
    parser = PageParser()
    parser.feed(html)
    return parser


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "head"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style", "head"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(response_or_html) -> str:
    """The page's text as a person reads it: tags dropped, runs of white space made one space."""
    html = response_or_html
    if hasattr(response_or_html, "content"):
        html = response_or_html.content.decode()
    parser = _TextParser()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())

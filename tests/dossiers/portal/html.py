"""Read a page as a user sees it: the values in its form fields, the text of one element."""

from html.parser import HTMLParser


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit", "checkbox"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox":
            self.values[name] = "checked" in attrs
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def field_values(html: str) -> dict:
    parser = _Fields()
    parser.feed(html)
    return {k: v.strip("\n") if isinstance(v, str) else v for k, v in parser.values.items()}


def block(html: str, marker: str, end: str = "</li>") -> str:
    """The HTML from `marker` (an attribute such as `data-upload="doc-3"`) to the next `end`."""
    start = html.index(marker)
    return html[start : html.index(end, start)]

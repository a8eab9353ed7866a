"""warta: clean, dated, attributed, deduplicated news articles from raw web pages."""

from warta.article import Article, Dateline, DateMention, RelatedLink, Source, Status
from warta.errors import WartaError
from warta.extract import extract

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DateMention",
    "Dateline",
    "RelatedLink",
    "Source",
    "Status",
    "WartaError",
    "__version__",
    "extract",
]

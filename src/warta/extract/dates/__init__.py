"""Dates: when a page was published and updated, and the days its text refers to."""

from warta.extract.dates.mentions import find_date_mentions
from warta.extract.dates.page import PageDates, find_page_dates
from warta.extract.dates.parse import parse_date_text

__all__ = ["PageDates", "find_date_mentions", "find_page_dates", "parse_date_text"]

"""Bytes to DOM: decoding with the right encoding, then parsing with Lexbor."""

from warta.html.decode import decode, looks_binary
from warta.html.parse import parse_html, parse_page

__all__ = ["decode", "looks_binary", "parse_html", "parse_page"]

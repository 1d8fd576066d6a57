"""Offline extractors for news texts: the countries a text names, the code articles it
cites and the people it names. Pure functions, regexes compiled once per process."""

from bot.extract.articles import find_articles
from bot.extract.countries import CountryHit, find_countries
from bot.extract.persons import find_persons

__all__ = ["CountryHit", "find_articles", "find_countries", "find_persons"]

"""newswatch: who said what, when, and according to whom -- raw news into a searchable record."""

from newswatch.pipeline import extract
from newswatch.read import ReadError
from newswatch.record import Article, Entity, Mention, Outlet, Quote, Speaker
from newswatch.settings import Settings, load_settings

__all__ = [
    "Article",
    "Entity",
    "Mention",
    "Outlet",
    "Quote",
    "ReadError",
    "Settings",
    "Speaker",
    "extract",
    "load_settings",
]
__version__ = "0.1.0"

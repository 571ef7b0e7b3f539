"""Matchmaker recommenders: text matching of firm challenges and university capabilities.

Knows nothing of Flask or databases: documents in, ranked ids with scores and the terms
that explain them out.
"""

from .document import SIDES, Document, Ranked
from .index import MatchIndex
from .io import InputError, read_documents, read_qrels
from .lexicon import Chain, load_chains
from .serialize import IndexFormatError
from .tokenizer import Tokenizer
from .weighting import Settings

__all__ = [
    "SIDES",
    "Chain",
    "Document",
    "IndexFormatError",
    "InputError",
    "MatchIndex",
    "Ranked",
    "Settings",
    "Tokenizer",
    "load_chains",
    "read_documents",
    "read_qrels",
]

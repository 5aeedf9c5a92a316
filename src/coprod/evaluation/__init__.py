"""Evaluation: the extractor's facts scored against gold labels by GUIDELINE.md's rules.

`matching` says when two facts match and pairs a document's facts; `scoring` counts and
averages over documents; `corpus` reads the files and runs a whole evaluation.
"""

from coprod.evaluation.corpus import (
    evaluate_files,
    file_digest,
    load_documents,
    prediction,
    read_documents,
    read_records,
)
from coprod.evaluation.matching import matches
from coprod.evaluation.scoring import Accuracy, Counts, Miss, Report, score

__all__ = [
    "Accuracy",
    "Counts",
    "Miss",
    "Report",
    "evaluate_files",
    "file_digest",
    "load_documents",
    "matches",
    "prediction",
    "read_documents",
    "read_records",
    "score",
]

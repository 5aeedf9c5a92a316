"""Why an input was skipped: the short machine codes carried by `Skipped.reason`.

Callers count skips by these codes and show the human `detail` beside them.
"""

from __future__ import annotations

NOT_FOUND = "not_found"  # the given path does not exist
UNREADABLE = "unreadable"  # the operating system refused to open or list it
UNSUPPORTED = "unsupported"  # no reader for this extension, or not a regular file
TOO_LARGE = "too_large"  # file over max_doc_bytes, or JSONL line over max_jsonl_line_bytes
BINARY = "binary"  # NUL bytes or control characters: not text
EMPTY = "empty"  # nothing but whitespace
NO_TEXT = "no_text"  # HTML in which trafilatura found no main text
BAD_JSON = "bad_json"  # a JSONL line that does not parse (often a truncated write)
BAD_RECORD = "bad_record"  # JSON that is not an object, lacks `text`, or has a malformed field

REASONS: dict[str, str] = {
    NOT_FOUND: "path does not exist",
    UNREADABLE: "could not be opened or listed",
    UNSUPPORTED: "not a supported kind of file",
    TOO_LARGE: "over the size limit",
    BINARY: "binary, not text",
    EMPTY: "empty or whitespace only",
    NO_TEXT: "no main text found in the page",
    BAD_JSON: "JSONL line is not valid JSON",
    BAD_RECORD: "JSONL record is not a usable document",
}

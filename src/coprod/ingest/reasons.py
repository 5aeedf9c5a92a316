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

# fetching from the web (coprod.ingest.fetch, feeds)
HTTP_ERROR = "http_error"  # the server answered with an error status (after retries for 5xx)
NOT_FOUND_HTTP = "not_found_http"  # HTTP 404 or 410: the page is not there
TIMEOUT = "timeout"  # no answer within fetch_timeout (after retries)
NETWORK_ERROR = "network_error"  # connection refused or dropped (after retries)
TOO_LARGE_RESPONSE = "too_large_response"  # body over max_response_bytes: not read further
ROBOTS_DISALLOWED = "robots_disallowed"  # the site's robots.txt asks crawlers to keep out
NOT_MODIFIED = "not_modified"  # HTTP 304: unchanged since the last fetch
REDIRECT_LOOP = "redirect_loop"  # more redirects than the cap (a loop, or a chain too long)
BAD_URL = "bad_url"  # not an http(s) URL that can be fetched
NOT_A_PAGE = "not_a_page"  # fetched, but neither a web page, plain text nor a feed
FEED_TRUNCATED = "feed_truncated"  # a feed with more entries than MAX_FEED_ENTRIES
BAD_FEED = "bad_feed"  # a feed file or response that feedparser cannot read as RSS or Atom

# archives and compressed files (coprod.ingest.warc, gz) and hostile pages (html)
DECOMPRESSION_BOMB = "decompression_bomb"  # a .gz inflating past max_decompressed_bytes or ratio
BAD_GZIP = "bad_gzip"  # a .gz file that is corrupt or ends early
BAD_WARC_RECORD = "bad_warc_record"  # a WARC record that is damaged or cut off by the file's end
WARC_PASSED_OVER = "warc_passed_over"  # per WARC file: records that are no HTML page, counted
TOO_COMPLEX = "too_complex"  # HTML with more elements than a page has (max_html_elements)

# scaled-out runs (coprod.scale)
PARTITION_FAILED = "partition_failed"  # its worker raised or died too often: read again next run

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
    HTTP_ERROR: "the server answered with an error",
    NOT_FOUND_HTTP: "the server has no such page (404/410)",
    TIMEOUT: "the server did not answer in time",
    NETWORK_ERROR: "the connection failed",
    TOO_LARGE_RESPONSE: "response over the size limit",
    ROBOTS_DISALLOWED: "robots.txt disallows it",
    NOT_MODIFIED: "unchanged since the last fetch",
    REDIRECT_LOOP: "too many redirects",
    BAD_URL: "not a fetchable URL",
    NOT_A_PAGE: "not a web page, text or feed",
    FEED_TRUNCATED: "feed entries over the cap were not read",
    BAD_FEED: "not a readable RSS or Atom feed",
    DECOMPRESSION_BOMB: "compressed input inflates past the limits",
    BAD_GZIP: "corrupt or truncated gzip",
    BAD_WARC_RECORD: "damaged or truncated WARC record",
    WARC_PASSED_OVER: "WARC records that are no HTML page (counted)",
    TOO_COMPLEX: "page with too many HTML elements",
    PARTITION_FAILED: "a worker failed on this partition (read again next run)",
}

"""The ledger's tables, in SQLAlchemy Core. The one place the schema is written in Python.

Types are portable (SQLite by default, PostgreSQL for a team): lists are JSON, strings
have no length limit except the hashes, times are timezone-aware, and dates are text as
the source gives them (`2025-07-04`, `2024-02`, `2024`). Changing a table here needs a new
migration in `migrations/versions/`; a test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

# Named constraints, so that later migrations (SQLite's batch mode included) can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)
LIST = sa.JSON(none_as_null=True)  # a list, or SQL NULL where the fact type has no such field

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String, nullable=False),  # which command: ingest, demo, ...
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String, nullable=False),  # running|finished|failed|interrupted
    sa.Column("counts", sa.JSON(none_as_null=True)),
    # which process runs it, and when it last said so: a live run is never taken for dead
    sa.Column("pid", sa.Integer),
    sa.Column("host", sa.String),
    sa.Column("heartbeat", sa.DateTime(timezone=True)),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),  # content hash: the identity
    sa.Column("id", sa.Text, nullable=False),  # the id the source gave it
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("date", sa.String, index=True),  # publication date, YYYY-MM-DD
    sa.Column("lang", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("source", sa.Text),  # where it was read from (file, line, URL)
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    # False for a document stored but not yet extracted (a language the rules do not read)
    sa.Column("extracted", sa.Boolean, nullable=False, server_default=sa.true()),
    # the earlier document this one republishes (a near-duplicate: same wire story)
    sa.Column("near_duplicate_of", sa.String(64), index=True),
    sa.Column("minhash", sa.LargeBinary),  # MinHash signature, for near-duplicate search
)
# Original stories in publication order: pages of facts sorted by date walk this index
# instead of sorting every fact (a page of a million-fact ledger in milliseconds).
sa.Index("ix_documents_originals_by_date", documents.c.near_duplicate_of, documents.c.date)

# Every time a document was read, and from where: exact duplicates are the repeat sightings.
sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_sha", sa.String(64), sa.ForeignKey("documents.sha256"), nullable=False, index=True
    ),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

# What the fetcher knows of each URL, for conditional requests and "fetch nothing twice".
fetch_state = sa.Table(
    "fetch_state",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("final_url", sa.Text),  # after redirects
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("status", sa.Integer),  # last HTTP status
    sa.Column("content_sha", sa.String(64)),  # the document it gave, when it gave one
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
)

facts = sa.Table(
    "facts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("fact_key", sa.String(64), nullable=False, unique=True),  # idempotency
    sa.Column(
        "document_sha", sa.String(64), sa.ForeignKey("documents.sha256"), nullable=False, index=True
    ),
    sa.Column("type", sa.String, nullable=False, index=True),
    # commitment and gdp_pledge
    sa.Column("funder", LIST),
    sa.Column("amount", sa.Float),
    sa.Column("currency", sa.String),
    sa.Column("alt", LIST),
    sa.Column("status", sa.String),
    sa.Column("cumulative", sa.Boolean),
    sa.Column("share_pct", sa.Float),
    sa.Column("period", sa.String),
    # commitment and target
    sa.Column("qualifier", sa.String),
    sa.Column("mechanism", sa.String),
    sa.Column("year", sa.Integer),
    # agreement (categories also on commitments)
    sa.Column("parties", LIST),
    sa.Column("kind", sa.String),
    sa.Column("stage", sa.String),
    sa.Column("host", sa.String),
    sa.Column("companies", LIST),
    sa.Column("categories", LIST),
    sa.Column("date", sa.String),
    # target
    sa.Column("subject", sa.String),
    sa.Column("metric", sa.String),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String),
    # evidence and provenance
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("extractor", sa.String, nullable=False),
    sa.Column("notes", LIST, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    # bumped by every analyst's decision on the fact: its ETag, so a stale edit is refused
    sa.Column("review_version", sa.Integer, nullable=False, server_default="0"),
)

skipped = sa.Table(
    "skipped",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.String, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

# --- Reconciled: rebuilt from facts and decisions by every reconciliation, never edited ---

# One real deal, pledge, agreement or target, however many reports state it.
entries = sa.Table(
    "entries",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),  # its first report's fact key: stable
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("funder", LIST),
    sa.Column("parties", LIST),
    sa.Column("kind", sa.String),
    sa.Column("mechanism", sa.String),
    sa.Column("categories", LIST),
    sa.Column("status", sa.String),  # the most advanced status reported
    sa.Column("stage", sa.String),  # the most advanced stage reported
    sa.Column("host", sa.String),
    sa.Column("companies", LIST),
    sa.Column("cumulative", sa.Boolean),
    sa.Column("year", sa.Integer),
    sa.Column("qualifier", sa.String),
    sa.Column("amount", sa.Float),  # the figure as its chosen report states it
    sa.Column("currency", sa.String),
    sa.Column("share_pct", sa.Float),
    sa.Column("period", sa.String),
    sa.Column("subject", sa.String),
    sa.Column("metric", sa.String),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String),
    sa.Column("date", sa.String),  # of the chosen report (an agreement: of its latest step)
    sa.Column("first_reported", sa.String),
    sa.Column("last_reported", sa.String),
    # the conversion of the figure: ECB day, units per euro, results, or why there is none
    sa.Column("fx_date", sa.String),
    sa.Column("eur_rate", sa.Float),
    sa.Column("usd_rate", sa.Float),
    sa.Column("eur", sa.Float),
    sa.Column("usd", sa.Float),
    sa.Column("fx_note", sa.String),
    sa.Column("counted", sa.Boolean, nullable=False),  # in the scoreboard's sums
    sa.Column("superseded_by", sa.String(64)),  # the running total that contains it
    sa.Column("conflict", sa.Text),  # an open conflict, described; None when there is none
    sa.Column("decided", sa.Boolean, nullable=False),  # an analyst confirmed or corrected it
    sa.Column("representative", sa.String(64), nullable=False),  # the fact its figure is from
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("urls", LIST, nullable=False),  # every source URL, first report first
    sa.Column("reconciled_at", sa.DateTime(timezone=True), nullable=False),
)

# Which facts make up each entry, why each joined, and each fact's own conversion.
entry_facts = sa.Table(
    "entry_facts",
    metadata,
    sa.Column("entry_key", sa.String(64), nullable=False, index=True),
    sa.Column("fact_key", sa.String(64), primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),  # why it belongs here (first: "first report")
    sa.Column("fx_date", sa.String),
    sa.Column("eur_rate", sa.Float),
    sa.Column("usd_rate", sa.Float),
    sa.Column("eur", sa.Float),
    sa.Column("usd", sa.Float),
    sa.Column("fx_note", sa.String),
)

# --- Analysts' decisions: the audit log, append-only; reconciliation reads it last ---
decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("by", sa.String, nullable=False),
    sa.Column("action", sa.String, nullable=False),  # confirm|correct|reject|merge|split
    sa.Column("fact_keys", LIST, nullable=False),
    sa.Column("fields", sa.JSON(none_as_null=True)),  # a correction's new values
    sa.Column("why", sa.Text, nullable=False),
)

# GDP in current US dollars, loaded with `coprod gdp load`: overrides the shipped table.
gdp = sa.Table(
    "gdp",
    metadata,
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("gdp_usd", sa.Float, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
)

# People who may write through the API, with their role; a token is stored only hashed.
users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String, nullable=False, unique=True),
    sa.Column("role", sa.String, nullable=False),  # viewer|editor|admin
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Counters that change whenever the reconciled ledger does: readers cache by them.
ledger_state = sa.Table(
    "ledger_state",
    metadata,
    sa.Column("name", sa.String, primary_key=True),  # "entries"
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The manifest of a scaled-out ingest (`coprod ingest --workers/--scheduler`): each input
# partition whose documents are all committed, recorded in the transaction of its last
# batch, so a run started again after a crash reads only the partitions missing here.
partitions = sa.Table(
    "partitions",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),  # SHA-256 of the file(s) and range
    sa.Column("label", sa.Text, nullable=False),  # which file(s), bytes and lines, for people
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    sa.Column("items", sa.Integer, nullable=False),  # documents and skipped inputs it held
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
)

"""Sightings (exact duplicates), fetch state, near duplicates, and the extraction flag.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:09:23.894066
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("content_sha", sa.String(length=64), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_fetch_state")),
    )
    op.create_table(
        "sightings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_sha", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_sha"], ["documents.sha256"], name=op.f("fk_sightings_document_sha_documents")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_sightings_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sightings")),
    )
    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sightings_document_sha"), ["document_sha"], unique=False
        )

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("extracted", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("near_duplicate_of", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_documents_near_duplicate_of"), ["near_duplicate_of"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_near_duplicate_of"))
        batch_op.drop_column("minhash")
        batch_op.drop_column("near_duplicate_of")
        batch_op.drop_column("extracted")

    with op.batch_alter_table("sightings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sightings_document_sha"))

    op.drop_table("sightings")
    op.drop_table("fetch_state")

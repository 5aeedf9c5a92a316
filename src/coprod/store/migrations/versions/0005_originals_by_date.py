"""An index of documents by (near_duplicate_of, date): pages of facts by date without a sort.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 14:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # not in batch mode: an index needs no copy of the table, however large
    op.create_index("ix_documents_originals_by_date", "documents", ["near_duplicate_of", "date"])


def downgrade() -> None:
    op.drop_index("ix_documents_originals_by_date", table_name="documents")

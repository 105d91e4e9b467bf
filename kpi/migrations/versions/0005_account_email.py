"""Account email: the address a single sign-on (OIDC) provider vouches for opens that account.

Revision ID: 0005_account_email
Revises: 0004_target_adjustments
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_account_email'
down_revision = '0004_target_adjustments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.create_index('ux_users_email', ['email'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('ux_users_email')
        batch_op.drop_column('email')

"""Target adjustments: a later resolution's new figures for a plan's target, with the document, its date and the figures replaced.

Revision ID: 0004_target_adjustments
Revises: 0003_uploads
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_target_adjustments'
down_revision = '0003_uploads'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('target_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('min_value', sa.Float(), nullable=True),
    sa.Column('max_value', sa.Float(), nullable=True),
    sa.Column('strict', sa.Boolean(), nullable=False),
    sa.Column('document', sa.String(length=200), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('previous', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_target_adjustments_indicator_id_indicators')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_target_adjustments_plan_id_plans')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_target_adjustments_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_adjustments'))
    )
    with op.batch_alter_table('target_adjustments', schema=None) as batch_op:
        batch_op.create_index('ix_target_adjustments_plan', ['plan_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('target_adjustments', schema=None) as batch_op:
        batch_op.drop_index('ix_target_adjustments_plan')
    op.drop_table('target_adjustments')

"""Emulation blocks: blocks per year, their members (with the registration plan and a reopening date) and the council's scores.

Revision ID: 0002_emulation_blocks
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_emulation_blocks'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('emulation_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('series', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('head_unit_id', sa.Integer(), nullable=True),
    sa.Column('deputy_unit_id', sa.Integer(), nullable=True),
    sa.Column('registration_deadline', sa.Date(), nullable=True),
    sa.Column('scheme', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['deputy_unit_id'], ['units.id'], name=op.f('fk_emulation_blocks_deputy_unit_id_units')),
    sa.ForeignKeyConstraint(['head_unit_id'], ['units.id'], name=op.f('fk_emulation_blocks_head_unit_id_units')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_emulation_blocks_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emulation_blocks')),
    sa.UniqueConstraint('code', name=op.f('uq_emulation_blocks_code')),
    sa.UniqueConstraint('series', 'year', name='uq_block_series_year')
    )
    op.create_table('emulation_block_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('registration_plan_id', sa.Integer(), nullable=True),
    sa.Column('reopened_until', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['block_id'], ['emulation_blocks.id'], name=op.f('fk_emulation_block_members_block_id_emulation_blocks')),
    sa.ForeignKeyConstraint(['registration_plan_id'], ['plans.id'], name=op.f('fk_emulation_block_members_registration_plan_id_plans')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_emulation_block_members_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emulation_block_members')),
    sa.UniqueConstraint('block_id', 'unit_id', name='uq_block_member')
    )
    op.create_table('emulation_council_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=64), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('scored_by', sa.String(length=100), nullable=False),
    sa.Column('scored_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['emulation_blocks.id'], name=op.f('fk_emulation_council_scores_block_id_emulation_blocks')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_emulation_council_scores_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emulation_council_scores')),
    sa.UniqueConstraint('block_id', 'unit_id', 'criterion', name='uq_council_score')
    )


def downgrade() -> None:
    op.drop_table('emulation_council_scores')
    op.drop_table('emulation_block_members')
    op.drop_table('emulation_blocks')

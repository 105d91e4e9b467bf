"""Uploads: the archived original files, and on each batch its file, chosen unit and period, counts and rollback.

Revision ID: 0003_uploads
Revises: 0002_emulation_blocks
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_uploads'
down_revision = '0002_emulation_blocks'
branch_labels = None
depends_on = None

_COUNTS = ('new_count', 'changed_count', 'unchanged_count', 'warning_count')


def upgrade() -> None:
    op.create_table('upload_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upload_files')),
    sa.UniqueConstraint('sha256', name=op.f('uq_upload_files_sha256'))
    )
    with op.batch_alter_table('upload_batches') as batch:
        batch.add_column(sa.Column('file_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('period_code', sa.String(length=16), nullable=True))
        for name in _COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
        batch.add_column(sa.Column('rolled_back_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('rolled_back_by', sa.String(length=100), nullable=True))
        batch.create_foreign_key(op.f('fk_upload_batches_file_id_upload_files'), 'upload_files',
                                 ['file_id'], ['id'])
        batch.create_foreign_key(op.f('fk_upload_batches_unit_id_units'), 'units',
                                 ['unit_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('upload_batches') as batch:
        batch.drop_constraint(op.f('fk_upload_batches_unit_id_units'), type_='foreignkey')
        batch.drop_constraint(op.f('fk_upload_batches_file_id_upload_files'), type_='foreignkey')
        for name in ('rolled_back_by', 'rolled_back_at', *reversed(_COUNTS), 'period_code',
                     'unit_id', 'file_id'):
            batch.drop_column(name)
    op.drop_table('upload_files')

"""Fewer index entries per confirmation, and the pending-delta table kept small on PostgreSQL.

``ledger_raiseddelta`` is a queue: every confirmation inserts a row and the fold deletes them all
every second. With PostgreSQL's default autovacuum trigger (20% of the table) its dead rows pile
up between vacuums and every fold and exact read walks over them: vacuum it after every 1,000.
"""

import django.db.models.deletion
from django.db import migrations, models

from joud.core.migration_ops import on_postgresql

QUEUE_VACUUM = """ALTER TABLE ledger_raiseddelta SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000)"""
QUEUE_VACUUM_BACK = """ALTER TABLE ledger_raiseddelta RESET (
    autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
    autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_insert_threshold)"""


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0003_account_case_kind'),
        ('organizations', '0002_organization_answer_due_on_organization_applied_at_and_more'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='raiseddelta',
            name='ledger_rais_account_1a985b_idx',
        ),
        migrations.AlterField(
            model_name='raiseddelta',
            name='account',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ledger.account'),
        ),
        migrations.AlterField(
            model_name='transaction',
            name='reference',
            field=models.CharField(max_length=40, verbose_name='reference'),
        ),
        migrations.AddIndex(
            model_name='transaction',
            index=models.Index(fields=['reference'], name='ledger_txn_reference'),
        ),
        on_postgresql(QUEUE_VACUUM, QUEUE_VACUUM_BACK),
    ]

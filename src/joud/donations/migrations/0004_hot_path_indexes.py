"""Fewer index entries per confirmation (issue 6): no lone ``state`` index and no ``*_like``
pattern index on ``provider_reference`` or the unique references (a UniqueConstraint instead
of ``unique=True``). On PostgreSQL, attempts and donations keep 15% of each
page free so that an update that changes no indexed column (an attempt's confirmation) can stay
on its page (a HOT update writes no index entry at all)."""

from django.db import migrations, models

import joud.donations.models
from joud.core.migration_ops import on_postgresql

FILLFACTOR = """
ALTER TABLE donations_paymentattempt SET (fillfactor = 85);
ALTER TABLE donations_donation SET (fillfactor = 85);
"""
FILLFACTOR_BACK = """
ALTER TABLE donations_paymentattempt RESET (fillfactor);
ALTER TABLE donations_donation RESET (fillfactor);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('donations', '0003_donation_public_case'),
        ('organizations', '0002_organization_answer_due_on_organization_applied_at_and_more'),
    ]

    operations = [
        migrations.AlterField(
            model_name='donation',
            name='state',
            field=models.CharField(choices=[('pending', 'Awaiting payment'), ('confirmed', 'Confirmed'), ('failed', 'Payment failed'), ('held_for_review', 'Held for review'), ('partially_refunded', 'Partially refunded'), ('refunded', 'Refunded')], default='pending', max_length=20, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='paymentattempt',
            name='provider_reference',
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddIndex(
            model_name='paymentattempt',
            index=models.Index(fields=['provider_reference'], name='donations_attempt_provref'),
        ),

        migrations.AlterField(
            model_name='donation',
            name='reference',
            field=models.CharField(default=joud.donations.models.new_donation_reference, max_length=16, verbose_name='reference'),
        ),
        migrations.AlterField(
            model_name='paymentattempt',
            name='reference',
            field=models.CharField(max_length=24, verbose_name='reference'),
        ),
        migrations.AddConstraint(
            model_name='donation',
            constraint=models.UniqueConstraint(fields=('reference',), name='uniq_donation_reference'),
        ),
        migrations.AddConstraint(
            model_name='paymentattempt',
            constraint=models.UniqueConstraint(fields=('reference',), name='uniq_attempt_reference'),
        ),
        on_postgresql(FILLFACTOR, FILLFACTOR_BACK),
    ]

"""A payment is booked once: a partial unique index on the donation postings' reference (the
payment attempt's, JD-7F3K2-P1). Refunds, chargebacks, disbursements and transfers are not
concerned. Fails to apply if the books already hold a payment posted twice: find them with
``SELECT reference FROM ledger_transaction WHERE kind = 'donation' GROUP BY 1 HAVING count(*) > 1``.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0004_hot_path_indexes'),
        ('organizations', '0002_organization_answer_due_on_organization_applied_at_and_more'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='transaction',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'donation')), fields=('reference',), name='ledger_one_donation_posting'),
        ),
    ]

"""The double-entry, append-only, tamper-evident ledger.

- ``Account``: one per organization fund (general, zakat, waqf principal, administration), per
  initiative (restricted to it) and per platform role (gateway clearing, gateway fees); and per
  organization an "owed" receivable for chargebacks its funds could not cover (see
  ``services/reversals.py``: restricted funds never go below zero).
- ``Transaction``: one money movement; its ``Entry`` rows balance (sum of debits = sum of credits).
  Rows are only ever inserted: ``save()``/``delete()`` refuse changes, and on the database a
  trigger raises on UPDATE/DELETE (see migration 0002). The single exception is sealing: the
  sealing job sets ``seq``/``prev_hash``/``hash`` once on a transaction that has none.
- Tamper evidence without a hot row: confirmations insert transactions with no hash; the sealing
  job (one at a time) takes unsealed transactions in id order and chains them
  (``hash = sha256(prev_hash + canonical content)``). Chain order is seal order.
- Totals without a hot row: each confirmation also inserts a ``RaisedDelta`` row; the fold job
  moves deltas into ``AccountTotal`` (``DELETE … RETURNING``), so the displayed total lags by the
  fold interval and ``selectors.account_raised`` (folded + pending deltas) is exact at any time.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.money import MoneyField


class AppendOnlyError(ValidationError):
    pass


class Account(models.Model):
    class Kind(models.TextChoices):
        CLEARING = "clearing", _("Gateway clearing")
        FEES = "fees", _("Gateway fees")
        GENERAL = "general", _("General fund")
        ADMIN = "admin", _("Administration share")
        ZAKAT = "zakat", _("Zakat fund")
        WAQF_PRINCIPAL = "waqf_principal", _("Endowment principal")
        WAQF_INCOME = "waqf_income", _("Endowment returns")
        INITIATIVE = "initiative", _("Initiative fund")
        CASE = "case", _("Verified case fund")
        FITR = "fitr", _("Zakat al-Fitr fund")
        # What the organization owes because a chargeback took more than its funds could give:
        # a receivable (debit balance), never a fund and never spent.
        OWED = "owed", _("Owed by the organization")

    class Restriction(models.TextChoices):
        NONE = "none", _("Unrestricted")
        ZAKAT = "zakat", _("Zakat: zakat-eligible purposes only")
        WAQF_PRINCIPAL = "waqf_principal", _("Endowment principal: kept, never spent")
        WAQF_INCOME = "waqf_income", _("Endowment returns: the endowment's purposes only")
        INITIATIVE = "initiative", _("Restricted to the initiative")
        CASE = "case", _("Restricted to the verified case")
        FITR = "fitr", _("Zakat al-Fitr: fitr distribution only")

    code = models.CharField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    restriction = models.CharField(
        _("restriction"), max_length=16, choices=Restriction.choices, default=Restriction.NONE
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_accounts",
        verbose_name=_("organization"),
    )
    initiative = models.OneToOneField(
        "campaigns.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_account",
        verbose_name=_("initiative"),
    )
    # An endowment's returns: the disbursement purposes its deed allows (nothing else pays).
    purposes = models.JSONField(_("allowed purposes"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")

    def __str__(self) -> str:
        return self.code


class Transaction(models.Model):
    class Kind(models.TextChoices):
        DONATION = "donation", _("Donation")
        REFUND = "refund", _("Refund")
        CHARGEBACK = "chargeback", _("Chargeback")
        DISBURSEMENT = "disbursement", _("Disbursement")
        TRANSFER = "transfer", _("Transfer between funds")
        WAQF_RETURN = "waqf_return", _("Endowment return")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # see Entry.account
    )
    # The business reference that caused it: JD-7F3K2-P1 (payment), JD-7F3K2-R1 (refund)…
    reference = models.CharField(_("reference"), max_length=40)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    # Set once by the sealing job.
    seq = models.BigIntegerField(_("chain position"), null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(seq__isnull=True), name="ledger_unsealed"
            ),
            # Plain b-tree: no ``*_like`` pattern index (written by every confirmation, unused).
            models.Index(fields=["reference"], name="ledger_txn_reference"),
        ]
        constraints = [
            # A payment is booked once: a second donation posting of the same attempt reference
            # (JD-7F3K2-P1) fails in the database whatever code tries it. Refunds, chargebacks,
            # disbursements and transfers have their own kinds and are not concerned.
            models.UniqueConstraint(
                fields=["reference"],
                condition=models.Q(kind="donation"),
                name="ledger_one_donation_posting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("sealing", False):
            raise AppendOnlyError("ledger transactions are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("ledger transactions are never deleted")


class Entry(models.Model):
    class Kind(models.TextChoices):
        GROSS = "gross", _("Gift received")
        ADMIN_SHARE = "admin_share", _("Administration share")
        GATEWAY_FEE = "gateway_fee", _("Gateway fee")
        REFUND = "refund", _("Refund")
        CHARGEBACK = "chargeback", _("Chargeback")
        DISBURSEMENT = "disbursement", _("Disbursement")
        TRANSFER = "transfer", _("Transfer")
        WAQF_RETURN = "waqf_return", _("Endowment return")
        # A reversal a restricted fund could not cover: the part the general fund gave, and the
        # part the organization owes (see ledger/services/reversals.py).
        GENERAL_COVER = "general_cover", _("Covered by the general fund")
        ORG_OWED = "org_owed", _("Owed by the organization")

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    # No database FK constraint: every confirmation to a hot initiative would take a KEY SHARE
    # lock on the same account row (multixact contention). The posting code only uses existing
    # accounts and ledger_verify checks that every entry's account exists.
    account = models.ForeignKey(
        Account, on_delete=models.DO_NOTHING, related_name="entries", db_constraint=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    debit = MoneyField(_("debit"), default=0)
    credit = MoneyField(_("credit"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gte=0) & models.Q(credit__gte=0))
                & (models.Q(debit=0) | models.Q(credit=0)),
                name="ledger_entry_one_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id} Dr {self.debit} Cr {self.credit}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("ledger entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("ledger entries are never deleted")


class RaisedDelta(models.Model):
    """Not yet folded change of an account's raised total (one row per posting; no hot row)."""

    # The fold moves every row at once, so no index: one pending account's sum scans only the
    # deltas of the last second or two (one index per confirmation saved; there were two).
    account = models.ForeignKey(
        Account, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    raised = MoneyField(default=0)
    donations = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.account_id} {self.raised}"


class AccountTotal(models.Model):
    """Folded totals per account: what donors gave (net of refunds) and how many donations."""

    account = models.OneToOneField(
        Account, on_delete=models.PROTECT, primary_key=True, related_name="total"
    )
    raised = MoneyField(default=0)
    donations = models.IntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.account_id} {self.raised}"


class AccountMonth(models.Model):
    """What the sealed entries of one account and kind add up to in one month (Oman's time), and
    when its first and last credit of that kind were made: the public money statements read these
    few rows plus the short unsealed tail, never every entry of a busy fund. Written only by the
    sealer, in the same transaction that seals the entries; ``ledger_verify`` recomputes them."""

    account = models.ForeignKey(
        Account, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    month = models.DateField()
    kind = models.CharField(max_length=16, choices=Entry.Kind.choices)
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)
    entries = models.IntegerField(default=0)
    first_credit_at = models.DateTimeField(null=True)
    last_credit_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "month", "kind"], name="ledger_account_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.month:%Y-%m} {self.kind}"

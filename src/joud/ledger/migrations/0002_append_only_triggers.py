"""The database itself refuses to change or delete ledger rows.

Entries: no UPDATE, no DELETE, ever. Transactions: no DELETE; an UPDATE is allowed only to seal a
transaction once (set seq/prev_hash/hash/sealed_at where seq was NULL, nothing else changed).
Maintenance that must bypass this (a tamper test) disables the trigger explicitly.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ledger_transaction_seal_only() RETURNS trigger AS $$
BEGIN
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at')
           = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger transactions are append-only (only sealing once is allowed)';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transaction_no_delete BEFORE DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transaction_seal_only BEFORE UPDATE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_seal_only();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS ledger_entry_append_only ON ledger_entry;
DROP TRIGGER IF EXISTS ledger_transaction_no_delete ON ledger_transaction;
DROP TRIGGER IF EXISTS ledger_transaction_seal_only ON ledger_transaction;
DROP FUNCTION IF EXISTS ledger_refuse_change();
DROP FUNCTION IF EXISTS ledger_transaction_seal_only();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
       BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END""",
    """CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
       BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END""",
    """CREATE TRIGGER ledger_transaction_no_delete BEFORE DELETE ON ledger_transaction
       BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END""",
    """CREATE TRIGGER ledger_transaction_seal_only BEFORE UPDATE ON ledger_transaction
       WHEN OLD.seq IS NOT NULL OR NEW.seq IS NULL
         OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
         OR NEW.organization_id IS NOT OLD.organization_id
         OR NEW.reference IS NOT OLD.reference OR NEW.memo IS NOT OLD.memo
         OR NEW.created_at IS NOT OLD.created_at
       BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS ledger_entry_no_update",
    "DROP TRIGGER IF EXISTS ledger_entry_no_delete",
    "DROP TRIGGER IF EXISTS ledger_transaction_no_delete",
    "DROP TRIGGER IF EXISTS ledger_transaction_seal_only",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]

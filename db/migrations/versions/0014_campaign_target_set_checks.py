"""campaign_target's references checked once per statement on PostgreSQL (issue #16: a 100,000-row list in <= 2 s)

A target list writes one campaign_target row per client of the segment. PostgreSQL checks a foreign key with a
row-level trigger: five of them (campaign, client, manager, task, touch) cost about 3.4 s for 100,000 rows on the
build machine, against 0.35 s for the rows themselves. The five foreign keys are replaced, on PostgreSQL only, by
the same rules checked set-wise:

- after every INSERT or UPDATE statement on campaign_target, one anti-join of the statement's new rows against
  each parent table; a reference to a missing row fails the statement with SQLSTATE 23503
  (foreign_key_violation), as the foreign key did;
- after every DELETE statement on a parent table (campaign, client, staff, service_task, touch), the deleted ids
  are looked up in campaign_target: a row still referring to one fails the statement (NO ACTION, as before);
- a parent row whose id is changed while referred to fails the same way (row trigger on UPDATE OF id only).

SQLite checks foreign keys inside the library at a few microseconds a row: its foreign keys stay.
The models keep their ForeignKey declarations (the ORM orders its writes by them);
crm_desktop.db.models.campaigns.SET_CHECKED_ON_POSTGRESQL names the keys a PostgreSQL store checks this way.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
# The lead re-chains this onto the head of main at merge time.
down_revision = "0013"
branch_labels = None
depends_on = None

# column of campaign_target -> (parent table, foreign key name)
_REFS = {
    "campaign_id": ("campaign", "fk_campaign_target_campaign_id_campaign"),
    "client_id": ("client", "fk_campaign_target_client_id_client"),
    "manager_id": ("staff", "fk_campaign_target_manager_id_staff"),
    "task_id": ("service_task", "fk_campaign_target_task_id_service_task"),
    "touch_id": ("touch", "fk_campaign_target_touch_id_touch"),
}


def _child_check() -> str:
    missing = " UNION ALL ".join(
        f"SELECT '{parent}'::text AS parent, '{column}'::text AS col, n.{column} AS ref, '{fk}'::text AS fk "
        f"FROM crm_new_targets n WHERE n.{column} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = n.{column})"
        for column, (parent, fk) in _REFS.items()
    )
    return (
        "CREATE FUNCTION crm_campaign_target_refs() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE bad record; BEGIN "
        f"SELECT * INTO bad FROM ({missing}) m LIMIT 1; "
        "IF FOUND THEN RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', CONSTRAINT = bad.fk, "
        "TABLE = 'campaign_target', MESSAGE = format("
        '\'insert or update on table "campaign_target" violates %s: %s = %s is not present in table "%s"\', '
        "bad.fk, bad.col, bad.ref, bad.parent); END IF; RETURN NULL; END $$"
    )


def _parent_check(parent: str, column: str, fk: str) -> list[str]:
    message = (
        f'\'update or delete on table "{parent}" violates {fk}: id %s is still referenced '
        f'from table "campaign_target"\''
    )
    raise_ = (
        f"RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{fk}', "
        f"TABLE = '{parent}', MESSAGE = format({message}, ref); "
    )
    return [
        f"CREATE FUNCTION crm_{parent}_kept_for_targets() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE ref integer; BEGIN "
        f"SELECT o.id INTO ref FROM crm_old_{parent} o "
        f"WHERE EXISTS (SELECT 1 FROM campaign_target t WHERE t.{column} = o.id) LIMIT 1; "
        f"IF FOUND THEN {raise_}END IF; RETURN NULL; END $$",
        f"CREATE TRIGGER {parent}_kept_for_targets AFTER DELETE ON {parent} "
        f"REFERENCING OLD TABLE AS crm_old_{parent} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION crm_{parent}_kept_for_targets()",
        f"CREATE FUNCTION crm_{parent}_id_kept_for_targets() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE ref integer := OLD.id; BEGIN "
        f"IF EXISTS (SELECT 1 FROM campaign_target t WHERE t.{column} = OLD.id) THEN {raise_}END IF; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER {parent}_id_kept_for_targets AFTER UPDATE OF id ON {parent} "
        f"FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) "
        f"EXECUTE FUNCTION crm_{parent}_id_kept_for_targets()",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, (_parent, fk) in _REFS.items():
        op.drop_constraint(fk, "campaign_target", type_="foreignkey")
    op.execute(_child_check())
    for what in ("INSERT", "UPDATE"):
        op.execute(
            f"CREATE TRIGGER campaign_target_refs_{what.lower()} AFTER {what} ON campaign_target "
            "REFERENCING NEW TABLE AS crm_new_targets "
            "FOR EACH STATEMENT EXECUTE FUNCTION crm_campaign_target_refs()"
        )
    for column, (parent, fk) in _REFS.items():
        for statement in _parent_check(parent, column, fk):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _column, (parent, _fk) in _REFS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {parent}_kept_for_targets ON {parent}")
        op.execute(f"DROP TRIGGER IF EXISTS {parent}_id_kept_for_targets ON {parent}")
        op.execute(f"DROP FUNCTION IF EXISTS crm_{parent}_kept_for_targets()")
        op.execute(f"DROP FUNCTION IF EXISTS crm_{parent}_id_kept_for_targets()")
    for what in ("insert", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS campaign_target_refs_{what} ON campaign_target")
    op.execute("DROP FUNCTION IF EXISTS crm_campaign_target_refs()")
    for column, (parent, fk) in _REFS.items():
        op.create_foreign_key(fk, "campaign_target", parent, [column], ["id"])

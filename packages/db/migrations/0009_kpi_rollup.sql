CREATE TABLE "kpi_attempt_buckets" (
	"user_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"list_id" uuid,
	"member_id" uuid,
	"no_answer" integer DEFAULT 0 NOT NULL,
	"voicemail" integer DEFAULT 0 NOT NULL,
	"callback" integer DEFAULT 0 NOT NULL,
	"reached" integer DEFAULT 0 NOT NULL,
	"not_interested" integer DEFAULT 0 NOT NULL,
	"wrong_number" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"rated_attempts" integer DEFAULT 0 NOT NULL,
	"rated_answered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_attempt_buckets_key" UNIQUE NULLS NOT DISTINCT("user_id","bucket","list_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_contact_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"gap" smallint NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"wrong" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_contact_days_key" UNIQUE("user_id","day","gap")
);
--> statement-breakpoint
CREATE INDEX "kpi_attempt_buckets_list_idx" ON "kpi_attempt_buckets" USING btree ("list_id","bucket") WHERE "kpi_attempt_buckets"."list_id" is not null;
--> statement-breakpoint
-- The roll-up's two rules (docs/decisions/0110-kpi-roll-up.md), applied with a sign: what a set of
-- history entries counts, given the state of their calls. An attempt is an entry other than to_call, on
-- a live call that is on a team list or still belongs to the entry's owner; answered is reached,
-- callback, not_interested or done (ANSWERED_STATUSES); flagged numbers stay out of the rated counts.
CREATE FUNCTION kpi_add_attempts(entries call_status_history[], states calls[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO kpi_attempt_buckets AS b (user_id, bucket, list_id, member_id, no_answer, voicemail, callback, reached,
    not_interested, wrong_number, done, rated_attempts, rated_answered)
  SELECT h.user_id, date_bin('15 minutes', h.occurred_at, timestamptz '2000-01-01 00:00:00+00'), c.list_id, h.created_by,
    (sign * count(*) FILTER (WHERE h.status = 'no_answer'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'voicemail'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'callback'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'reached'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'not_interested'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'wrong_number'))::int,
    (sign * count(*) FILTER (WHERE h.status = 'done'))::int,
    (sign * count(*) FILTER (WHERE NOT c.phone_flagged))::int,
    (sign * count(*) FILTER (WHERE NOT c.phone_flagged AND h.status IN ('reached', 'callback', 'not_interested', 'done')))::int
  FROM unnest(entries) h
  JOIN unnest(states) c ON c.id = h.call_id
  WHERE h.status <> 'to_call' AND c.deleted_at IS NULL AND (c.list_id IS NOT NULL OR c.user_id = h.user_id)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT kpi_attempt_buckets_key DO UPDATE SET
    no_answer = b.no_answer + excluded.no_answer,
    voicemail = b.voicemail + excluded.voicemail,
    callback = b.callback + excluded.callback,
    reached = b.reached + excluded.reached,
    not_interested = b.not_interested + excluded.not_interested,
    wrong_number = b.wrong_number + excluded.wrong_number,
    done = b.done + excluded.done,
    rated_attempts = b.rated_attempts + excluded.rated_attempts,
    rated_answered = b.rated_answered + excluded.rated_answered
$$;
--> statement-breakpoint
-- `entries` must hold every answered and wrong-number entry of each (owner, call) it touches: a call's
-- dates are read from all of them (the gap to the previous date is what makes the count distinct).
CREATE FUNCTION kpi_add_contacts(entries call_status_history[], states calls[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO kpi_contact_days AS d (user_id, day, gap, answered, wrong)
  SELECT user_id, day, gap, (sign * count(*) FILTER (WHERE kind = 'answered'))::int, (sign * count(*) FILTER (WHERE kind = 'wrong'))::int
  FROM (
    SELECT user_id, day, kind,
      CASE WHEN day - lag(day) OVER w < 366 THEN (day - lag(day) OVER w)::smallint ELSE 0::smallint END AS gap
    FROM (
      SELECT DISTINCT h.user_id, h.call_id, k.kind, (h.occurred_at AT TIME ZONE u.timezone)::date AS day
      FROM unnest(entries) h
      JOIN unnest(states) c ON c.id = h.call_id
      JOIN users u ON u.id = h.user_id
      CROSS JOIN LATERAL (SELECT CASE WHEN h.status IN ('reached', 'callback', 'not_interested', 'done') THEN 'answered'
                                      WHEN h.status = 'wrong_number' THEN 'wrong' END AS kind) k
      WHERE k.kind IS NOT NULL AND c.deleted_at IS NULL AND (c.list_id IS NOT NULL OR c.user_id = h.user_id)
    ) days
    WINDOW w AS (PARTITION BY user_id, call_id, kind ORDER BY day)
  ) gaps
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT kpi_contact_days_key DO UPDATE SET
    answered = d.answered + excluded.answered,
    wrong = d.wrong + excluded.wrong
$$;
--> statement-breakpoint
-- Entries logged, removed or changed (one function for the three statement triggers). The calls are
-- locked first, so that two writers of one call's history (or of the call) take turns and each reads
-- the other's committed entries; so are the owners, whose zone dates the distinct calls.
CREATE FUNCTION kpi_history_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  added call_status_history[] := '{}';
  removed call_status_history[] := '{}';
  states calls[];
  contact_calls uuid[];
  after_entries call_status_history[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    added := array(SELECT row(n.*)::call_status_history FROM new_rows n);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    removed := array(SELECT row(o.*)::call_status_history FROM old_rows o);
  END IF;
  PERFORM 1 FROM calls WHERE id IN (SELECT call_id FROM unnest(added || removed)) ORDER BY id FOR NO KEY UPDATE;
  states := array(SELECT c FROM calls c WHERE c.id IN (SELECT call_id FROM unnest(added || removed)));
  PERFORM kpi_add_attempts(removed, states, -1);
  PERFORM kpi_add_attempts(added, states, 1);

  contact_calls := array(SELECT DISTINCT call_id FROM unnest(added || removed)
    WHERE status IN ('reached', 'callback', 'not_interested', 'done', 'wrong_number'));
  IF cardinality(contact_calls) > 0 THEN
    PERFORM 1 FROM users WHERE id IN (SELECT user_id FROM unnest(added || removed)) ORDER BY id FOR SHARE;
    after_entries := array(SELECT h FROM call_status_history h WHERE h.call_id = ANY(contact_calls));
    PERFORM kpi_add_contacts(
      array(SELECT e FROM unnest(after_entries) e WHERE e.id NOT IN (SELECT id FROM unnest(added))) || removed, states, -1);
    PERFORM kpi_add_contacts(after_entries, states, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_history_inserted AFTER INSERT ON call_status_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_history_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_history_updated AFTER UPDATE ON call_status_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_history_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_history_deleted AFTER DELETE ON call_status_history REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_history_changed();
--> statement-breakpoint
-- A call deleted or restored, moved on or off a list or to another owner, its number flagged or
-- cleared: its entries leave the roll-up as they counted and come back as they count now.
CREATE FUNCTION kpi_calls_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  entries call_status_history[];
  old_states calls[];
  new_states calls[];
BEGIN
  ids := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.deleted_at IS NULL) <> (o.deleted_at IS NULL) OR n.list_id IS DISTINCT FROM o.list_id
       OR n.user_id <> o.user_id OR n.phone_flagged <> o.phone_flagged);
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  entries := array(SELECT h FROM call_status_history h WHERE h.call_id = ANY(ids));
  IF cardinality(entries) = 0 THEN RETURN NULL; END IF;
  PERFORM 1 FROM users WHERE id IN (SELECT user_id FROM unnest(entries)) ORDER BY id FOR SHARE;
  old_states := array(SELECT row(o.*)::calls FROM old_rows o WHERE o.id = ANY(ids));
  new_states := array(SELECT row(n.*)::calls FROM new_rows n WHERE n.id = ANY(ids));
  PERFORM kpi_add_attempts(entries, old_states, -1);
  PERFORM kpi_add_attempts(entries, new_states, 1);
  PERFORM kpi_add_contacts(entries, old_states, -1);
  PERFORM kpi_add_contacts(entries, new_states, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_calls_updated AFTER UPDATE ON calls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_calls_changed();
--> statement-breakpoint
-- A live call hard-deleted takes its entries out before they go by cascade (the purge deletes calls
-- already soft-deleted, which count nowhere: the WHEN skips them).
CREATE FUNCTION kpi_call_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  entries call_status_history[];
BEGIN
  entries := array(SELECT h FROM call_status_history h WHERE h.call_id = OLD.id);
  PERFORM kpi_add_attempts(entries, array[OLD], -1);
  PERFORM kpi_add_contacts(entries, array[OLD], -1);
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_call_deleted BEFORE DELETE ON calls FOR EACH ROW WHEN (OLD.deleted_at IS NULL)
  EXECUTE FUNCTION kpi_call_deleted();
--> statement-breakpoint
-- The distinct calls are dated in their owner's zone: a new zone dates them again.
CREATE FUNCTION kpi_users_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  entries call_status_history[];
BEGIN
  ids := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.timezone <> o.timezone);
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  entries := array(SELECT h FROM call_status_history h WHERE h.user_id = ANY(ids));
  PERFORM 1 FROM calls WHERE id = ANY(array(SELECT DISTINCT call_id FROM unnest(entries))) ORDER BY id FOR NO KEY UPDATE;
  entries := array(SELECT h FROM call_status_history h WHERE h.user_id = ANY(ids));
  DELETE FROM kpi_contact_days WHERE user_id = ANY(ids);
  PERFORM kpi_add_contacts(entries, array(SELECT c FROM calls c WHERE c.id = ANY(array(SELECT DISTINCT call_id FROM unnest(entries)))), 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER kpi_users_updated AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_users_changed();
--> statement-breakpoint
-- Backfill: the existing history, one owner at a time.
DO $$
DECLARE
  owner record;
  entries call_status_history[];
  states calls[];
BEGIN
  FOR owner IN SELECT id FROM users LOOP
    entries := array(SELECT h FROM call_status_history h WHERE h.user_id = owner.id);
    CONTINUE WHEN cardinality(entries) = 0;
    -- By id: a semi-join with the owner's entries would let the planner read every call, for each owner.
    states := array(SELECT c FROM calls c WHERE c.id = ANY(array(SELECT DISTINCT call_id FROM unnest(entries))));
    PERFORM kpi_add_attempts(entries, states, 1);
    PERFORM kpi_add_contacts(entries, states, 1);
  END LOOP;
END $$;

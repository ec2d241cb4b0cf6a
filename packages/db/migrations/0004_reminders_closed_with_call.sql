ALTER TABLE "reminders" ADD COLUMN "closed_with_call" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Backfill: the reminders that restoring a deleted call reopens were listed by the latest
-- sensitive_delete audit of the call (its deletion, or the revert of the import that created it),
-- in meta.closedReminderIds. Only deleted calls can be restored, so only their reminders are marked.
UPDATE "reminders" AS r
SET "closed_with_call" = true
FROM "calls" AS c,
  LATERAL (
    SELECT a."meta" -> 'closedReminderIds' AS ids
    FROM "audits" AS a
    WHERE a."action" = 'sensitive_delete'
      AND a."target_type" = 'call'
      AND a."target_id" = c."id"::text
      AND a."actor_id" = c."user_id"
    ORDER BY a."created_at" DESC
    LIMIT 1
  ) AS latest
WHERE c."deleted_at" IS NOT NULL
  AND r."call_id" = c."id"
  AND r."done" = true
  AND jsonb_typeof(latest.ids) = 'array'
  AND latest.ids @> to_jsonb(r."id"::text);--> statement-breakpoint
DROP TABLE "idempotency_keys" CASCADE;

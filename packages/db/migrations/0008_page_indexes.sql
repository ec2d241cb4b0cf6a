DROP INDEX "calls_user_last_call_idx";--> statement-breakpoint
DROP INDEX "calls_user_status_idx";--> statement-breakpoint
DROP INDEX "calls_user_next_reminder_idx";--> statement-breakpoint
DROP INDEX "calls_user_created_idx";--> statement-breakpoint
DROP INDEX "reminders_user_open_idx";--> statement-breakpoint
DROP INDEX "reminders_user_scheduled_idx";--> statement-breakpoint
CREATE INDEX "calls_user_status_sort_idx" ON "calls" USING btree ("user_id","status","id") WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_type_idx" ON "calls" USING btree ("user_id","type","id") WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_first_name_idx" ON "calls" USING btree ("user_id","contact_first_name","contact_last_name","id") WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_updated_idx" ON "calls" USING btree ("user_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_attempts_idx" ON "calls" USING btree ("user_id","attempts" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_list_last_name_idx" ON "calls" USING btree ("list_id","contact_last_name","contact_first_name","id") WHERE "calls"."list_id" is not null and "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_list_created_idx" ON "calls" USING btree ("list_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."list_id" is not null and "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_list_last_call_idx" ON "calls" USING btree ("list_id","last_call_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."list_id" is not null and "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "reminders_user_open_priority_idx" ON "reminders" USING btree ("user_id","priority" DESC NULLS LAST,"scheduled_at","id") WHERE "reminders"."done" = false;--> statement-breakpoint
CREATE INDEX "calls_user_last_call_idx" ON "calls" USING btree ("user_id","last_call_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_status_idx" ON "calls" USING btree ("user_id","status","last_call_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_next_reminder_idx" ON "calls" USING btree ("user_id","next_reminder_at","id") WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "calls_user_created_idx" ON "calls" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "calls"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "reminders_user_open_idx" ON "reminders" USING btree ("user_id","scheduled_at","id") WHERE "reminders"."done" = false;--> statement-breakpoint
CREATE INDEX "reminders_user_scheduled_idx" ON "reminders" USING btree ("user_id","scheduled_at","id");
ALTER TYPE "public"."notification_type" ADD VALUE 'list_finished';--> statement-breakpoint
ALTER TYPE "public"."notification_type" ADD VALUE 'team_overdue_callbacks';--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "notif_team" boolean DEFAULT true NOT NULL;
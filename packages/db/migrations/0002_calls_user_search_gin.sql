-- btree_gin puts user_id in the same GIN as the trigrams (hand-added, like pg_trgm in 0000).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "calls_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "calls_user_search_trgm_idx" ON "calls" USING gin ("user_id","search_text" gin_trgm_ops);

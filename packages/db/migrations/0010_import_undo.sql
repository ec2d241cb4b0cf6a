CREATE TABLE "import_undo" (
	"import_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"before" jsonb NOT NULL,
	"reminder_ids" uuid[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "import_undo_import_id_call_id_pk" PRIMARY KEY("import_id","call_id")
);
--> statement-breakpoint
ALTER TABLE "import_undo" ADD CONSTRAINT "import_undo_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"parent_id" text,
	"code" text,
	"valid_from" date,
	"valid_to" date,
	"name_folded" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_aliases" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"alias" text NOT NULL,
	"alias_folded" text NOT NULL,
	"kind" text DEFAULT 'spelling' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"rule" jsonb NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agency_successions" (
	"id" text PRIMARY KEY NOT NULL,
	"predecessor_id" text NOT NULL,
	"successor_id" text NOT NULL,
	"effective_on" date NOT NULL,
	"kind" text NOT NULL,
	"legal_basis" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_agency_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "directive_sections" (
	"id" text PRIMARY KEY NOT NULL,
	"directive_id" text NOT NULL,
	"parent_id" text,
	"label" text,
	"title" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directives" (
	"id" text PRIMARY KEY NOT NULL,
	"stable_key" text NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"issued_on" date,
	"issuer" text,
	"title" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"source_file_id" text,
	"title_folded" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"source_file_id" text NOT NULL,
	"actor_user_id" text,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_files" (
	"id" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"source_file_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"line" integer,
	"reported_on" date
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" text NOT NULL,
	"via_group" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reported_facts" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"list_id" text,
	"kind" text NOT NULL,
	"value" jsonb NOT NULL,
	"reported_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_history" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"version" integer NOT NULL,
	"before" jsonb NOT NULL,
	"import_run_id" text,
	"actor_user_id" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_occurrences" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"list_id" text NOT NULL,
	"row" integer NOT NULL,
	"line" integer,
	"cells" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"identity_key" text NOT NULL,
	"directive_id" text NOT NULL,
	"section_id" text,
	"position" integer DEFAULT 0 NOT NULL,
	"label" text,
	"text" text NOT NULL,
	"text_folded" text NOT NULL,
	"product" text,
	"notes" text,
	"lead_text" text,
	"coordinators_text" text,
	"deadline_raw" text,
	"deadline_kind" text DEFAULT 'none' NOT NULL,
	"deadline_due" date,
	"deadline_start" date,
	"deadline_rule" text,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_aliases" ADD CONSTRAINT "agency_aliases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_predecessor_id_agencies_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_successor_id_agencies_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_sections" ADD CONSTRAINT "directive_sections_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_lists" ADD CONSTRAINT "source_lists_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_facts" ADD CONSTRAINT "reported_facts_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_facts" ADD CONSTRAINT "reported_facts_list_id_source_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."source_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_history" ADD CONSTRAINT "task_history_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_keys" ADD CONSTRAINT "task_keys_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_occurrences" ADD CONSTRAINT "task_occurrences_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_occurrences" ADD CONSTRAINT "task_occurrences_list_id_source_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."source_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_section_id_directive_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."directive_sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_kind_idx" ON "agencies" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "agencies_parent_idx" ON "agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_aliases_agency_folded_uq" ON "agency_aliases" USING btree ("agency_id","alias_folded");--> statement-breakpoint
CREATE INDEX "agency_aliases_folded_idx" ON "agency_aliases" USING btree ("alias_folded");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_successions_uq" ON "agency_successions" USING btree ("predecessor_id","successor_id","effective_on");--> statement-breakpoint
CREATE INDEX "agency_successions_successor_idx" ON "agency_successions" USING btree ("successor_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "directive_sections_directive_idx" ON "directive_sections" USING btree ("directive_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directives_stable_key_uq" ON "directives" USING btree ("stable_key");--> statement-breakpoint
CREATE UNIQUE INDEX "source_files_sha_uq" ON "source_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "source_lists_file_pos_uq" ON "source_lists" USING btree ("source_file_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_task_agency_role_uq" ON "assignments" USING btree ("task_id","agency_id","role");--> statement-breakpoint
CREATE INDEX "assignments_agency_idx" ON "assignments" USING btree ("agency_id","role");--> statement-breakpoint
CREATE INDEX "reported_facts_task_idx" ON "reported_facts" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reported_facts_task_list_kind_uq" ON "reported_facts" USING btree ("task_id","list_id","kind");--> statement-breakpoint
CREATE INDEX "task_history_task_idx" ON "task_history" USING btree ("task_id","version");--> statement-breakpoint
CREATE INDEX "task_keys_task_idx" ON "task_keys" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_occurrences_list_row_uq" ON "task_occurrences" USING btree ("list_id","row");--> statement-breakpoint
CREATE INDEX "task_occurrences_task_idx" ON "task_occurrences" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "tasks_identity_idx" ON "tasks" USING btree ("identity_key");--> statement-breakpoint
CREATE INDEX "tasks_directive_idx" ON "tasks" USING btree ("directive_id","position");--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree ("deadline_due");--> statement-breakpoint
CREATE INDEX "tasks_text_trgm_idx" ON "tasks" USING gin ("text_folded" gin_trgm_ops);
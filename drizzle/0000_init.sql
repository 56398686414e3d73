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
	"note" text,
	"event_id" text
);
--> statement-breakpoint
CREATE TABLE "assignment_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"from_assignment_id" text NOT NULL,
	"to_assignment_id" text NOT NULL,
	"from_agency_id" text NOT NULL,
	"to_agency_id" text NOT NULL,
	"effective_on" date NOT NULL,
	"target_was_active" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restructuring_events" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"legal_basis_number" text NOT NULL,
	"legal_basis_date" date,
	"predecessor_ids" jsonb NOT NULL,
	"successor_ids" jsonb NOT NULL,
	"new_agencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"new_parent_id" text,
	"transfer_rule" jsonb,
	"note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"reverses_event_id" text,
	"reversed_by_event_id" text,
	"applied_at" timestamp with time zone,
	"applied_by" text,
	"changes" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restructuring_events_kind_ck" CHECK (kind in ('merge', 'split', 'rename', 'move')),
	CONSTRAINT "restructuring_events_status_ck" CHECK (status in ('draft', 'applied', 'discarded', 'reversed'))
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
CREATE TABLE "consultation_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"consultation_id" text NOT NULL,
	"consultee_id" text NOT NULL,
	"point" integer NOT NULL,
	"text" text NOT NULL,
	"stance" text NOT NULL,
	"task_id" text,
	"task_label" text,
	"section_id" text,
	"task_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposal" jsonb,
	"flag" text,
	"late" boolean DEFAULT false NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer_text" text DEFAULT '' NOT NULL,
	"answer_stance" text DEFAULT 'none' NOT NULL,
	"answer_paragraphs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answered_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_consultees" (
	"id" text PRIMARY KEY NOT NULL,
	"consultation_id" text NOT NULL,
	"agency_id" text,
	"agency_name" text NOT NULL,
	"agency_raw" text NOT NULL,
	"group_kind" text NOT NULL,
	"row" integer NOT NULL,
	"row_label" text,
	"line" integer,
	"stance" text DEFAULT 'pending' NOT NULL,
	"responded_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"reminded_on" date
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"directive_id" text,
	"title" text NOT NULL,
	"drafter" text,
	"drafter_agency_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"deadline" date,
	"source_file_id" text,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "duplicate_candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"task_a_id" text NOT NULL,
	"task_b_id" text NOT NULL,
	"score" double precision NOT NULL,
	"suggested_kind" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"last_scanned_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "duplicate_candidates_order_ck" CHECK ("duplicate_candidates"."task_a_id" < "duplicate_candidates"."task_b_id")
);
--> statement-breakpoint
CREATE TABLE "duplicate_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"candidate_id" text NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"decided_by" text,
	"decided_by_agency_id" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_links" (
	"id" text PRIMARY KEY NOT NULL,
	"task_a_id" text NOT NULL,
	"task_b_id" text NOT NULL,
	"kind" text NOT NULL,
	"reports_count_for_linked" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_links_order_ck" CHECK ("task_links"."task_a_id" < "task_links"."task_b_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"submitter_user_id" text,
	"submitter_agency_id" text,
	"submitter_name" text,
	"submitter_contact" text,
	"source" text DEFAULT 'account' NOT NULL,
	"directive_id" text,
	"task_id" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"routed_agency_id" text,
	"due_on" date,
	"routed_at" timestamp with time zone,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_links" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"directive_key" text,
	"task_id" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_links_target_ck" CHECK (num_nonnulls(directive_key, task_id) = 1)
);
--> statement-breakpoint
CREATE TABLE "indicator_national_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"value_max" numeric,
	"status" text DEFAULT 'adopted' NOT NULL,
	"basis" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_national_targets_status_ck" CHECK (status in ('adopted', 'proposed'))
);
--> statement-breakpoint
CREATE TABLE "indicator_registration_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"year" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_registration_windows_dates_ck" CHECK (opens_on <= closes_on)
);
--> statement-breakpoint
CREATE TABLE "indicator_reported_aggregates" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"scope" text NOT NULL,
	"value" numeric NOT NULL,
	"quote" text NOT NULL,
	"source_ref" text,
	"import_run_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"source_ref" text,
	"import_run_id" text,
	"supersedes_id" text,
	"requested_by_user_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_state_ck" CHECK (state in ('active', 'superseded', 'pending', 'rejected')),
	CONSTRAINT "indicator_targets_source_ck" CHECK (source in ('agency', 'standing-office', 'import', 'api'))
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"value" numeric NOT NULL,
	"numerator" numeric,
	"denominator" numeric,
	"as_of" date,
	"source" text NOT NULL,
	"source_ref" text,
	"import_run_id" text,
	"note" text,
	"shortfall_reason" text,
	"remedial_action" text,
	"correction_reason" text,
	"supersedes_id" text,
	"entered_by_user_id" text,
	"entered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_source_ck" CHECK (source in ('agency', 'import', 'api')),
	CONSTRAINT "indicator_values_components_ck" CHECK ((numerator is null) = (denominator is null))
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_folded" text NOT NULL,
	"unit" text NOT NULL,
	"unit_label" text DEFAULT '' NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"direction" text DEFAULT 'higher-better' NOT NULL,
	"frequency" text DEFAULT 'monthly' NOT NULL,
	"is_cumulative" boolean DEFAULT false NOT NULL,
	"numerator_label" text,
	"denominator_label" text,
	"match_phrases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_unit_ck" CHECK (unit in ('percent', 'count', 'money', 'ratio')),
	CONSTRAINT "indicators_direction_ck" CHECK (direction in ('higher-better', 'lower-better')),
	CONSTRAINT "indicators_frequency_ck" CHECK (frequency in ('monthly', 'quarterly', 'yearly'))
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text,
	"reclassification_id" text,
	"agency_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text,
	"storage_key" text,
	"sha256" text,
	"size_bytes" bigint,
	"detected_type" text,
	"media_type" text,
	"url" text,
	"reference_text" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_ck" CHECK (kind in ('file', 'link', 'document')),
	CONSTRAINT "evidence_owner_ck" CHECK ((report_id is not null and reclassification_id is null) or (report_id is null and reclassification_id is not null)),
	CONSTRAINT "evidence_detail_ck" CHECK ((kind = 'file' and storage_key is not null and sha256 is not null and size_bytes is not null and detected_type is not null)
        or (kind = 'link' and url ~ '^https?://')
        or (kind = 'document' and reference_text is not null)),
	CONSTRAINT "evidence_type_ck" CHECK (detected_type is null or detected_type in ('pdf', 'docx', 'xlsx', 'png', 'jpeg'))
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"task_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"original_due" date,
	"requested_due" date NOT NULL,
	"granted_due" date,
	"reasons" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"requested_by_user_id" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_requests_status_ck" CHECK (status in ('pending', 'granted', 'refused')),
	CONSTRAINT "extension_requests_granted_ck" CHECK (status <> 'granted' or granted_due is not null)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_id" text,
	"user_id" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"task_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"supersedes_id" text,
	"state" text NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"completed_on" date,
	"product" text,
	"cited_report_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"workflow_status" text DEFAULT 'draft' NOT NULL,
	"returned_by" text,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"leader_approved_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_by_user_id" text,
	"updated_by_user_id" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reports_state_ck" CHECK (state in ('not-started', 'in-progress', 'completed', 'cannot-complete')),
	CONSTRAINT "progress_reports_workflow_ck" CHECK (workflow_status in ('draft', 'submitted', 'leader-approved', 'accepted', 'returned')),
	CONSTRAINT "progress_reports_period_ck" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "progress_reports_returned_by_ck" CHECK (returned_by is null or returned_by in ('leader', 'standing-office')),
	CONSTRAINT "progress_reports_completed_ck" CHECK (completed_on is null or state = 'completed')
);
--> statement-breakpoint
CREATE TABLE "reclassification_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"task_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"from_category" text NOT NULL,
	"to_category" text NOT NULL,
	"reasons" text NOT NULL,
	"completed_on" date,
	"proposed_due" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"requested_by_user_id" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reclassification_requests_status_ck" CHECK (status in ('pending', 'granted', 'refused')),
	CONSTRAINT "reclassification_requests_to_ck" CHECK (to_category in ('completed', 'inProgress')),
	CONSTRAINT "reclassification_requests_detail_ck" CHECK ((to_category = 'completed' and completed_on is not null) or (to_category = 'inProgress' and proposed_due is not null))
);
--> statement-breakpoint
CREATE TABLE "reminder_log" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"rule" text NOT NULL,
	"period" text NOT NULL,
	"notification_id" text,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"report_id" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" text,
	"actor_agency_id" text,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting_period_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"directive_id" text,
	"due_day" integer DEFAULT 25 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_period_settings_day_ck" CHECK (due_day between 1 and 28)
);
--> statement-breakpoint
CREATE TABLE "snapshot_assignments" (
	"snapshot_id" text NOT NULL,
	"assignment_id" text NOT NULL,
	"task_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"agency_name" text NOT NULL,
	"agency_kind" text NOT NULL,
	"category" text NOT NULL,
	"category_against_original" text NOT NULL,
	"effective_due" date,
	"completed_on" date,
	CONSTRAINT "snapshot_assignments_snapshot_id_assignment_id_pk" PRIMARY KEY("snapshot_id","assignment_id")
);
--> statement-breakpoint
CREATE TABLE "snapshot_tasks" (
	"snapshot_id" text NOT NULL,
	"task_id" text NOT NULL,
	"directive_id" text NOT NULL,
	"directive_label" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"lead_names" text NOT NULL,
	"coordinator_names" text NOT NULL,
	"product" text,
	"deadline_raw" text,
	"category" text NOT NULL,
	"category_against_original" text NOT NULL,
	"original_due" date,
	"effective_due" date,
	"completed_on" date,
	"basis" text,
	"units_not_completed" jsonb NOT NULL,
	"discrepancies" jsonb NOT NULL,
	CONSTRAINT "snapshot_tasks_snapshot_id_task_id_pk" PRIMARY KEY("snapshot_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"label" text NOT NULL,
	"created_by_user_id" text,
	"created_by_label" text,
	"task_count" integer NOT NULL,
	"assignment_count" integer NOT NULL,
	"indicators" jsonb,
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
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"stage" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_stage_ck" CHECK ("sessions"."stage" in ('full', 'totp', 'password-change', 'totp-enrol'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"login_name" text NOT NULL,
	"display_name" text NOT NULL,
	"agency_id" text NOT NULL,
	"roles" text[] NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"totp_secret" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" bigint,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_login_name_lower_ck" CHECK ("users"."login_name" = lower("users"."login_name")),
	CONSTRAINT "users_roles_ck" CHECK (cardinality(roles) > 0 and roles <@ array['admin', 'standing-office', 'reporter', 'leader', 'viewer']::text[])
);
--> statement-breakpoint
ALTER TABLE "agency_aliases" ADD CONSTRAINT "agency_aliases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_predecessor_id_agencies_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_successor_id_agencies_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_successions" ADD CONSTRAINT "agency_successions_event_id_restructuring_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."restructuring_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_event_id_restructuring_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."restructuring_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_from_assignment_id_assignments_id_fk" FOREIGN KEY ("from_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_to_assignment_id_assignments_id_fk" FOREIGN KEY ("to_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restructuring_events" ADD CONSTRAINT "restructuring_events_new_parent_id_agencies_id_fk" FOREIGN KEY ("new_parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultee_id_consultation_consultees_id_fk" FOREIGN KEY ("consultee_id") REFERENCES "public"."consultation_consultees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_consultees" ADD CONSTRAINT "consultation_consultees_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_consultees" ADD CONSTRAINT "consultation_consultees_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_drafter_agency_id_agencies_id_fk" FOREIGN KEY ("drafter_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_sections" ADD CONSTRAINT "directive_sections_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_lists" ADD CONSTRAINT "source_lists_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_task_a_id_tasks_id_fk" FOREIGN KEY ("task_a_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_task_b_id_tasks_id_fk" FOREIGN KEY ("task_b_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_decisions" ADD CONSTRAINT "duplicate_decisions_candidate_id_duplicate_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."duplicate_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_links" ADD CONSTRAINT "task_links_task_a_id_tasks_id_fk" FOREIGN KEY ("task_a_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_links" ADD CONSTRAINT "task_links_task_b_id_tasks_id_fk" FOREIGN KEY ("task_b_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_submitter_agency_id_agencies_id_fk" FOREIGN KEY ("submitter_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_routed_agency_id_agencies_id_fk" FOREIGN KEY ("routed_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_links" ADD CONSTRAINT "indicator_links_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_national_targets" ADD CONSTRAINT "indicator_national_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_registration_windows" ADD CONSTRAINT "indicator_registration_windows_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reported_aggregates" ADD CONSTRAINT "indicator_reported_aggregates_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reported_aggregates" ADD CONSTRAINT "indicator_reported_aggregates_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_reclassification_id_reclassification_requests_id_fk" FOREIGN KEY ("reclassification_id") REFERENCES "public"."reclassification_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reclassification_requests" ADD CONSTRAINT "reclassification_requests_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reclassification_requests" ADD CONSTRAINT "reclassification_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reclassification_requests" ADD CONSTRAINT "reclassification_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_period_settings" ADD CONSTRAINT "reporting_period_settings_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_assignments" ADD CONSTRAINT "snapshot_assignments_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_tasks" ADD CONSTRAINT "snapshot_tasks_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_kind_idx" ON "agencies" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "agencies_parent_idx" ON "agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_aliases_agency_folded_uq" ON "agency_aliases" USING btree ("agency_id","alias_folded");--> statement-breakpoint
CREATE INDEX "agency_aliases_folded_idx" ON "agency_aliases" USING btree ("alias_folded");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_successions_uq" ON "agency_successions" USING btree ("predecessor_id","successor_id","effective_on");--> statement-breakpoint
CREATE INDEX "agency_successions_successor_idx" ON "agency_successions" USING btree ("successor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_transfers_event_from_uq" ON "assignment_transfers" USING btree ("event_id","from_assignment_id");--> statement-breakpoint
CREATE INDEX "assignment_transfers_from_idx" ON "assignment_transfers" USING btree ("from_assignment_id");--> statement-breakpoint
CREATE INDEX "assignment_transfers_to_idx" ON "assignment_transfers" USING btree ("to_assignment_id");--> statement-breakpoint
CREATE INDEX "restructuring_events_effective_idx" ON "restructuring_events" USING btree ("effective_on");--> statement-breakpoint
CREATE INDEX "restructuring_events_status_idx" ON "restructuring_events" USING btree ("status");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_agency_idx" ON "audit_log" USING btree ("actor_agency_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_comments_point_uq" ON "consultation_comments" USING btree ("consultee_id","point");--> statement-breakpoint
CREATE INDEX "consultation_comments_task_idx" ON "consultation_comments" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_consultees_row_uq" ON "consultation_consultees" USING btree ("consultation_id","group_kind","row");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_key_uq" ON "consultations" USING btree ("key");--> statement-breakpoint
CREATE INDEX "consultations_directive_idx" ON "consultations" USING btree ("directive_id");--> statement-breakpoint
CREATE INDEX "directive_sections_directive_idx" ON "directive_sections" USING btree ("directive_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directives_stable_key_uq" ON "directives" USING btree ("stable_key");--> statement-breakpoint
CREATE UNIQUE INDEX "source_files_sha_uq" ON "source_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "source_lists_file_pos_uq" ON "source_lists" USING btree ("source_file_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_candidates_pair_uq" ON "duplicate_candidates" USING btree ("task_a_id","task_b_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_b_idx" ON "duplicate_candidates" USING btree ("task_b_id");--> statement-breakpoint
CREATE INDEX "duplicate_candidates_status_idx" ON "duplicate_candidates" USING btree ("status","score");--> statement-breakpoint
CREATE INDEX "duplicate_decisions_candidate_idx" ON "duplicate_decisions" USING btree ("candidate_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "task_links_pair_uq" ON "task_links" USING btree ("task_a_id","task_b_id");--> statement-breakpoint
CREATE INDEX "task_links_b_idx" ON "task_links" USING btree ("task_b_id");--> statement-breakpoint
CREATE INDEX "feedback_items_routed_idx" ON "feedback_items" USING btree ("routed_agency_id","status");--> statement-breakpoint
CREATE INDEX "feedback_items_created_idx" ON "feedback_items" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_links_directive_uq" ON "indicator_links" USING btree ("indicator_id","directive_key") WHERE directive_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_links_task_uq" ON "indicator_links" USING btree ("indicator_id","task_id") WHERE task_id is not null;--> statement-breakpoint
CREATE INDEX "indicator_links_task_idx" ON "indicator_links" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_national_targets_version_uq" ON "indicator_national_targets" USING btree ("indicator_id","year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_national_targets_current_uq" ON "indicator_national_targets" USING btree ("indicator_id","year") WHERE is_current;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_registration_windows_uq" ON "indicator_registration_windows" USING btree ("indicator_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_reported_aggregates_uq" ON "indicator_reported_aggregates" USING btree ("indicator_id","period","scope");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_version_uq" ON "indicator_targets" USING btree ("indicator_id","agency_id","period","version");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_active_uq" ON "indicator_targets" USING btree ("indicator_id","agency_id","period") WHERE state = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_pending_uq" ON "indicator_targets" USING btree ("indicator_id","agency_id","period") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "indicator_targets_period_idx" ON "indicator_targets" USING btree ("period","indicator_id") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "indicator_targets_agency_idx" ON "indicator_targets" USING btree ("agency_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_version_uq" ON "indicator_values" USING btree ("indicator_id","agency_id","period","version");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_current_uq" ON "indicator_values" USING btree ("indicator_id","agency_id","period") WHERE is_current;--> statement-breakpoint
CREATE INDEX "indicator_values_period_idx" ON "indicator_values" USING btree ("period","indicator_id") WHERE is_current;--> statement-breakpoint
CREATE INDEX "indicator_values_agency_idx" ON "indicator_values" USING btree ("agency_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_code_uq" ON "indicators" USING btree ("code");--> statement-breakpoint
CREATE INDEX "evidence_report_idx" ON "evidence" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "evidence_reclassification_idx" ON "evidence" USING btree ("reclassification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_requests_pending_uq" ON "extension_requests" USING btree ("assignment_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "extension_requests_granted_idx" ON "extension_requests" USING btree ("assignment_id","decided_at") WHERE status = 'granted';--> statement-breakpoint
CREATE INDEX "notifications_agency_idx" ON "notifications" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_version_uq" ON "progress_reports" USING btree ("assignment_id","period","version");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_open_uq" ON "progress_reports" USING btree ("assignment_id","period") WHERE workflow_status in ('draft', 'submitted', 'leader-approved');--> statement-breakpoint
CREATE INDEX "progress_reports_accepted_idx" ON "progress_reports" USING btree ("assignment_id","accepted_at") WHERE workflow_status = 'accepted';--> statement-breakpoint
CREATE INDEX "progress_reports_agency_period_idx" ON "progress_reports" USING btree ("agency_id","period");--> statement-breakpoint
CREATE INDEX "progress_reports_task_idx" ON "progress_reports" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "progress_reports_status_idx" ON "progress_reports" USING btree ("workflow_status");--> statement-breakpoint
CREATE INDEX "reclassification_requests_assignment_idx" ON "reclassification_requests" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "reclassification_requests_granted_idx" ON "reclassification_requests" USING btree ("assignment_id","decided_at") WHERE status = 'granted';--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_log_uq" ON "reminder_log" USING btree ("assignment_id","rule","period");--> statement-breakpoint
CREATE INDEX "reminder_log_notification_idx" ON "reminder_log" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_period_settings_directive_uq" ON "reporting_period_settings" USING btree ("directive_id");--> statement-breakpoint
CREATE INDEX "snapshot_assignments_agency_idx" ON "snapshot_assignments" USING btree ("snapshot_id","agency_id");--> statement-breakpoint
CREATE INDEX "snapshot_tasks_category_idx" ON "snapshot_tasks" USING btree ("snapshot_id","category");--> statement-breakpoint
CREATE INDEX "snapshots_as_of_idx" ON "snapshots" USING btree ("as_of","created_at");--> statement-breakpoint
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
CREATE INDEX "tasks_text_trgm_idx" ON "tasks" USING gin ("text_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_name_uq" ON "users" USING btree ("login_name");--> statement-breakpoint
CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");
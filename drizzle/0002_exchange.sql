CREATE TABLE "exchange_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"op" text NOT NULL,
	"origin" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"event_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"remote_version" bigint NOT NULL,
	"reason" text NOT NULL,
	"theirs" jsonb,
	"ours" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by_user_id" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_conflicts_status_ck" CHECK (status in ('open', 'accepted-theirs', 'kept-ours'))
);
--> statement-breakpoint
CREATE TABLE "exchange_credentials" (
	"key_id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"label" text,
	"public_key" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"outcome" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_deliveries_status_ck" CHECK (status in ('pending', 'delivered', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "exchange_id_map" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"object_type" text NOT NULL,
	"their_id" text NOT NULL,
	"our_id" text,
	"their_label" text,
	"mapped_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_inbox" (
	"partner_id" text NOT NULL,
	"event_id" text NOT NULL,
	"remote_seq" bigint NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"version" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"payload" jsonb,
	"changed_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"redeliveries" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exchange_inbox_partner_id_event_id_pk" PRIMARY KEY("partner_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" text,
	"key_id" text,
	"direction" text NOT NULL,
	"operation" text NOT NULL,
	"http_status" integer,
	"object_count" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"error" text,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_nonces" (
	"key_id" text NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_nonces_key_id_nonce_pk" PRIMARY KEY("key_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "exchange_object_links" (
	"partner_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"remote_version" bigint NOT NULL,
	"local_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_object_links_partner_id_object_type_object_id_pk" PRIMARY KEY("partner_id","object_type","object_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_ownership_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"directive_id" text,
	"tasks_source" text DEFAULT 'shared' NOT NULL,
	"reports_source" text DEFAULT 'shared' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_ownership_rules_ck" CHECK (tasks_source in ('local', 'partner', 'shared') and reports_source in ('local', 'partner', 'shared'))
);
--> statement-breakpoint
CREATE TABLE "exchange_partners" (
	"id" text PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"name" text NOT NULL,
	"base_url" text,
	"id_scheme" text DEFAULT 'shared' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"outbound_key" text,
	"pull_cursor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_partners_scheme_ck" CHECK (id_scheme in ('shared', 'own')),
	CONSTRAINT "exchange_partners_status_ck" CHECK (status in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "exchange_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"url" text NOT NULL,
	"object_types" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"cursor_seq" bigint DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"last_delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_subscriptions_status_ck" CHECK (status in ('active', 'paused'))
);
--> statement-breakpoint
ALTER TABLE "exchange_conflicts" ADD CONSTRAINT "exchange_conflicts_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_credentials" ADD CONSTRAINT "exchange_credentials_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_deliveries" ADD CONSTRAINT "exchange_deliveries_subscription_id_exchange_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."exchange_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_id_map" ADD CONSTRAINT "exchange_id_map_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_inbox" ADD CONSTRAINT "exchange_inbox_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_object_links" ADD CONSTRAINT "exchange_object_links_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_ownership_rules" ADD CONSTRAINT "exchange_ownership_rules_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_subscriptions" ADD CONSTRAINT "exchange_subscriptions_partner_id_exchange_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."exchange_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_changes_object_idx" ON "exchange_changes" USING btree ("object_type","object_id","seq");--> statement-breakpoint
CREATE INDEX "exchange_conflicts_open_idx" ON "exchange_conflicts" USING btree ("partner_id","created_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "exchange_credentials_partner_idx" ON "exchange_credentials" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_deliveries_sub_seq_uq" ON "exchange_deliveries" USING btree ("subscription_id","seq");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_pending_idx" ON "exchange_deliveries" USING btree ("subscription_id","seq") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "exchange_deliveries_dead_idx" ON "exchange_deliveries" USING btree ("subscription_id") WHERE status = 'dead';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_id_map_their_uq" ON "exchange_id_map" USING btree ("partner_id","object_type","their_id");--> statement-breakpoint
CREATE INDEX "exchange_id_map_our_idx" ON "exchange_id_map" USING btree ("partner_id","object_type","our_id");--> statement-breakpoint
CREATE INDEX "exchange_inbox_pending_idx" ON "exchange_inbox" USING btree ("partner_id","remote_seq") WHERE status in ('waiting', 'unmapped');--> statement-breakpoint
CREATE INDEX "exchange_inbox_object_idx" ON "exchange_inbox" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "exchange_log_partner_idx" ON "exchange_log" USING btree ("partner_id","at");--> statement-breakpoint
CREATE INDEX "exchange_nonces_seen_idx" ON "exchange_nonces" USING btree ("seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_ownership_rules_uq" ON "exchange_ownership_rules" USING btree ("partner_id",coalesce("directive_id", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_partners_system_uq" ON "exchange_partners" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "exchange_subscriptions_partner_idx" ON "exchange_subscriptions" USING btree ("partner_id");
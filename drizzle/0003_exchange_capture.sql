-- Change capture for the exchange feed (issue #8): statement-level triggers append one exchange_changes row per
-- object touched, in the same transaction as the change. One advisory lock serialises writers from their first
-- captured statement to commit, so sequence numbers become visible in order and a cursor reader never skips one.
-- `tiendo.change_origin` (set locally by the inbound applier) names the partner a change came from.
CREATE FUNCTION exchange_origin() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tiendo.change_origin', true), '')
$$;
--> statement-breakpoint
CREATE FUNCTION exchange_capture_agencies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'agency', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'agency', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'agency', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agencies_capture_insert AFTER INSERT ON agencies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_agencies();
--> statement-breakpoint
CREATE TRIGGER agencies_capture_update AFTER UPDATE ON agencies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_agencies();
--> statement-breakpoint
CREATE TRIGGER agencies_capture_delete AFTER DELETE ON agencies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_agencies();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_directives() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'directive', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'directive', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'directive', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER directives_capture_insert AFTER INSERT ON directives REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directives();
--> statement-breakpoint
CREATE TRIGGER directives_capture_update AFTER UPDATE ON directives REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directives();
--> statement-breakpoint
CREATE TRIGGER directives_capture_delete AFTER DELETE ON directives REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directives();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_directive_sections() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'section', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'section', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'section', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER directive_sections_capture_insert AFTER INSERT ON directive_sections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directive_sections();
--> statement-breakpoint
CREATE TRIGGER directive_sections_capture_update AFTER UPDATE ON directive_sections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directive_sections();
--> statement-breakpoint
CREATE TRIGGER directive_sections_capture_delete AFTER DELETE ON directive_sections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_directive_sections();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'task', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'task', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'task', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_capture_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_tasks();
--> statement-breakpoint
CREATE TRIGGER tasks_capture_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_tasks();
--> statement-breakpoint
CREATE TRIGGER tasks_capture_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_tasks();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'assignment', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'assignment', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'assignment', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assignments_capture_insert AFTER INSERT ON assignments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_assignments();
--> statement-breakpoint
CREATE TRIGGER assignments_capture_update AFTER UPDATE ON assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_assignments();
--> statement-breakpoint
CREATE TRIGGER assignments_capture_delete AFTER DELETE ON assignments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_assignments();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_progress_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_reports_capture_insert AFTER INSERT ON progress_reports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_progress_reports();
--> statement-breakpoint
CREATE TRIGGER progress_reports_capture_update AFTER UPDATE ON progress_reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_progress_reports();
--> statement-breakpoint
CREATE TRIGGER progress_reports_capture_delete AFTER DELETE ON progress_reports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_progress_reports();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_report_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.report_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT report_id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.report_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT n.report_id FROM new_rows n) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'progress_report', x.report_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT report_id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_events_capture_insert AFTER INSERT ON report_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_report_events();
--> statement-breakpoint
CREATE TRIGGER report_events_capture_update AFTER UPDATE ON report_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_report_events();
--> statement-breakpoint
CREATE TRIGGER report_events_capture_delete AFTER DELETE ON report_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_report_events();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'evidence', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'evidence', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'evidence', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_capture_insert AFTER INSERT ON evidence REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_capture_update AFTER UPDATE ON evidence REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_capture_delete AFTER DELETE ON evidence REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_evidence();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER indicators_capture_insert AFTER INSERT ON indicators REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicators();
--> statement-breakpoint
CREATE TRIGGER indicators_capture_update AFTER UPDATE ON indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicators();
--> statement-breakpoint
CREATE TRIGGER indicators_capture_delete AFTER DELETE ON indicators REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicators();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_indicator_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_target', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_target', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_target', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_targets_capture_insert AFTER INSERT ON indicator_targets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_targets();
--> statement-breakpoint
CREATE TRIGGER indicator_targets_capture_update AFTER UPDATE ON indicator_targets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_targets();
--> statement-breakpoint
CREATE TRIGGER indicator_targets_capture_delete AFTER DELETE ON indicator_targets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_targets();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_indicator_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_value', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_value', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'indicator_value', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_values_capture_insert AFTER INSERT ON indicator_values REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_values();
--> statement-breakpoint
CREATE TRIGGER indicator_values_capture_update AFTER UPDATE ON indicator_values REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_values();
--> statement-breakpoint
CREATE TRIGGER indicator_values_capture_delete AFTER DELETE ON indicator_values REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_indicator_values();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_snapshots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER snapshots_capture_insert AFTER INSERT ON snapshots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshots();
--> statement-breakpoint
CREATE TRIGGER snapshots_capture_update AFTER UPDATE ON snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshots();
--> statement-breakpoint
CREATE TRIGGER snapshots_capture_delete AFTER DELETE ON snapshots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshots();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_snapshot_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT snapshot_id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT n.snapshot_id FROM new_rows n) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT snapshot_id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER snapshot_tasks_capture_insert AFTER INSERT ON snapshot_tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_tasks();
--> statement-breakpoint
CREATE TRIGGER snapshot_tasks_capture_update AFTER UPDATE ON snapshot_tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_tasks();
--> statement-breakpoint
CREATE TRIGGER snapshot_tasks_capture_delete AFTER DELETE ON snapshot_tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_tasks();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_snapshot_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT snapshot_id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT n.snapshot_id FROM new_rows n) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'snapshot', x.snapshot_id, 'upsert', exchange_origin() FROM (SELECT DISTINCT snapshot_id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER snapshot_assignments_capture_insert AFTER INSERT ON snapshot_assignments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_assignments();
--> statement-breakpoint
CREATE TRIGGER snapshot_assignments_capture_update AFTER UPDATE ON snapshot_assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_assignments();
--> statement-breakpoint
CREATE TRIGGER snapshot_assignments_capture_delete AFTER DELETE ON snapshot_assignments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_snapshot_assignments();
--> statement-breakpoint
-- Everything that existed before change capture is in the feed too, so a partner can start from cursor 0.
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'agency', id, 'upsert' FROM agencies;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'directive', id, 'upsert' FROM directives;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'section', id, 'upsert' FROM directive_sections;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'task', id, 'upsert' FROM tasks;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'assignment', id, 'upsert' FROM assignments;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'progress_report', id, 'upsert' FROM progress_reports;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'evidence', id, 'upsert' FROM evidence;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'indicator', id, 'upsert' FROM indicators;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'indicator_target', id, 'upsert' FROM indicator_targets;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'indicator_value', id, 'upsert' FROM indicator_values;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'snapshot', id, 'upsert' FROM snapshots;

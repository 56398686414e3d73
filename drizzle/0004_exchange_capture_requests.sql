-- Change capture for deadline extensions and reclassification requests (issue #8): a granted extension changes how
-- both systems judge a task, so it travels like the reports do. Same shape as 0003.
CREATE FUNCTION exchange_capture_extension_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'extension_request', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'extension_request', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'extension_request', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extension_requests_capture_insert AFTER INSERT ON extension_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_extension_requests();
--> statement-breakpoint
CREATE TRIGGER extension_requests_capture_update AFTER UPDATE ON extension_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_extension_requests();
--> statement-breakpoint
CREATE TRIGGER extension_requests_capture_delete AFTER DELETE ON extension_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_extension_requests();
--> statement-breakpoint
CREATE FUNCTION exchange_capture_reclassification_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(571071);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'reclassification_request', x.id, 'upsert', exchange_origin() FROM (SELECT DISTINCT id FROM new_rows) x;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'reclassification_request', x.id, 'upsert', exchange_origin() FROM (SELECT n.id AS id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)) x;
  ELSE
    INSERT INTO exchange_changes (object_type, object_id, op, origin)
      SELECT 'reclassification_request', x.id, 'delete', exchange_origin() FROM (SELECT DISTINCT id FROM old_rows) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reclassification_requests_capture_insert AFTER INSERT ON reclassification_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_reclassification_requests();
--> statement-breakpoint
CREATE TRIGGER reclassification_requests_capture_update AFTER UPDATE ON reclassification_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_reclassification_requests();
--> statement-breakpoint
CREATE TRIGGER reclassification_requests_capture_delete AFTER DELETE ON reclassification_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exchange_capture_reclassification_requests();
--> statement-breakpoint
-- Existing requests, and the evidence attached to reclassification requests (not exchanged until now), enter the feed.
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'extension_request', id, 'upsert' FROM extension_requests;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'reclassification_request', id, 'upsert' FROM reclassification_requests;
--> statement-breakpoint
INSERT INTO exchange_changes (object_type, object_id, op) SELECT 'evidence', id, 'upsert' FROM evidence WHERE reclassification_id IS NOT NULL;

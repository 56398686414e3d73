-- Wakes the outbox dispatcher as soon as a change commits (LISTEN tiendo_exchange) instead of waiting for its next
-- poll; the poll stays as the fallback. One notification per statement; PostgreSQL folds identical ones per transaction.
CREATE FUNCTION exchange_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tiendo_exchange', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER exchange_changes_notify AFTER INSERT ON exchange_changes FOR EACH STATEMENT EXECUTE FUNCTION exchange_notify();

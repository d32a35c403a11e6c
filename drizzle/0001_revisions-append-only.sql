-- History is append-only (DESIGN invariant 1): the database itself refuses to change or remove a revision.
CREATE TRIGGER `revisions_no_update` BEFORE UPDATE ON `revisions`
BEGIN
  SELECT RAISE(ABORT, 'revisions are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `revisions_no_delete` BEFORE DELETE ON `revisions`
BEGIN
  SELECT RAISE(ABORT, 'revisions are append-only');
END;

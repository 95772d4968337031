-- Issue 12. One schema for H2 (in PostgreSQL mode) and PostgreSQL.

-- The share link an attempt was started through (null: assigned or managed). A learner
-- who joined by a link may start further attempts only while that link is the task's
-- current, unexpired one: revoking or replacing it ends that right.
alter table review_attempts add column via_link varchar(64);

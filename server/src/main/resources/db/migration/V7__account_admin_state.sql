-- One schema for H2 (in PostgreSQL mode) and PostgreSQL.
-- (V7, not V6: the history branch's V6__execution_replay.sql takes 6.)

-- Set by an admin: a disabled account cannot sign in, and its sessions, bearer
-- tokens and API keys stop working until an admin enables it again.
alter table users add column disabled_at timestamp with time zone;

-- The last successful sign-in (browser session or bearer token); null when
-- there was none since this column exists.
alter table users add column last_sign_in_at timestamp with time zone;

-- The password was handed out (the first admin's one-time password) and must be
-- replaced; cleared by a password change.
alter table users add column must_change_password boolean not null default false;

-- A first admin that was never changed in any way still has its one-time password.
update users set must_change_password = true
    where username_key = 'admin' and role = 'ADMIN' and updated_at = created_at;

-- One schema for H2 (in PostgreSQL mode) and PostgreSQL.

-- Bumped on a password change and on "sign out everywhere": a browser session
-- remembers the epoch it signed in with and ends when it no longer matches.
alter table users add column session_epoch bigint not null default 0;

-- The name with case, punctuation and look-alike characters folded away
-- (filled in at start-up for existing rows); sign-up refuses a new name whose
-- skeleton an existing account already has.
alter table users add column username_skeleton varchar(64);
create index users_username_skeleton on users (username_skeleton);

-- What a key may do: space-separated scopes out of run, read, write, admin.
-- Keys from before scopes keep run, read and write; admin must be granted anew.
alter table api_keys add column scopes varchar(64) not null default 'read run write';

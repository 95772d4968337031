-- Issue 12. One schema for H2 (in PostgreSQL mode) and PostgreSQL.

-- The share link an attempt was started through (null: assigned or managed). A learner
-- who joined by a link may start further attempts only while that link is the task's
-- current, unexpired one: revoking or replacing it ends that right.
alter table review_attempts add column via_link varchar(64);

-- What each account stores in project files, in bytes, kept with every file change
-- and capped per account; its row is also the lock that serialises an owner's writes.
create table project_usage (
    owner_id bigint primary key references users (id) on delete cascade,
    stored_bytes bigint not null
);
insert into project_usage (owner_id, stored_bytes)
    select p.owner_id, coalesce(sum(f.size_bytes), 0)
    from projects p left join project_files f on f.project_id = p.id
    group by p.owner_id;

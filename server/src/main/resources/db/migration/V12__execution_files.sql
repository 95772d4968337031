-- Issue 16. One schema for H2 (in PostgreSQL mode) and PostgreSQL.

-- The files a recorded run returned (plots, files under /output, files the request
-- named), in their order, as many as fit the history's cap on their bytes
-- (sandlot.history.max-file-bytes); files_truncated says some were not kept, or
-- that the run itself returned only some. They go with their run (on delete cascade).
-- bytea is PostgreSQL's bytes type and H2's alias of varbinary.
create table execution_files (
    execution_id varchar(36) not null references executions (id) on delete cascade,
    seq int not null,
    name varchar(1024) not null,
    mime_type varchar(100) not null,
    content bytea not null,
    primary key (execution_id, seq)
);
alter table executions add column files_truncated boolean not null default false;

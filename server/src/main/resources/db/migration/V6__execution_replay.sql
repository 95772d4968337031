-- Issue 14. One schema for H2 (in PostgreSQL mode) and PostgreSQL.

-- What a recorded run needs to be run again exactly: the name of its project at the
-- time, the limits it ran under (resolved: the request's, else the defaults), the
-- input typed on the stream (JSON: [{"type":"stdin","data":...,"atMs":...},
-- {"type":"eof","atMs":...}]), and whether any of its input had to be dropped
-- (stdin or typed input past the history's cap). Runs recorded before this have no
-- limits and, from the stream, no typed input: the API says they cannot be re-run
-- exactly.
alter table executions add column project_name varchar(200);
alter table executions add column limits_json text;
alter table executions add column input_json text;
alter table executions add column input_truncated boolean not null default false;

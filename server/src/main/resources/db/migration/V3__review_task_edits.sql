-- Editing a task replaces its test cases. The old ones stay, retired, because
-- earlier submissions keep the results they were judged with.
alter table review_test_cases add column retired boolean not null default false;

-- Deleting a task archives it: hidden from lists and its link gone, its attempts and submissions kept.
alter table review_tasks add column archived_at timestamp with time zone;

package dev.sandlot.server.review;

import dev.sandlot.server.review.ReviewRecords.Attempt;
import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.Comment;
import dev.sandlot.server.review.ReviewRecords.Notification;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Tasks, attempts, submissions, comments and notifications. */
@Repository
class ReviewRepository {

    private static final RowMapper<Task> TASK = (rs, n) -> new Task(
            rs.getLong("id"),
            rs.getLong("owner_id"),
            rs.getString("title"),
            rs.getString("statement"),
            rs.getString("language"),
            rs.getString("entry"),
            rs.getObject("time_limit_minutes", Integer.class),
            rs.getInt("max_attempts"),
            rs.getString("link_token"),
            rs.getObject("link_expires_at", OffsetDateTime.class),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getObject("archived_at", OffsetDateTime.class));
    private static final RowMapper<TestCase> CASE = (rs, n) -> new TestCase(
            rs.getLong("id"),
            rs.getLong("task_id"),
            rs.getInt("ordinal"),
            rs.getString("name"),
            rs.getString("stdin"),
            rs.getString("expected_stdout"),
            rs.getBoolean("hidden"),
            rs.getObject("time_limit_ms", Long.class),
            rs.getObject("memory_mb", Long.class));
    private static final RowMapper<Attempt> ATTEMPT = (rs, n) -> new Attempt(
            rs.getLong("id"),
            rs.getLong("task_id"),
            rs.getLong("learner_id"),
            rs.getObject("project_id", Long.class),
            rs.getObject("started_at", OffsetDateTime.class),
            rs.getObject("deadline_at", OffsetDateTime.class),
            rs.getString("via_link"));
    private static final RowMapper<Submission> SUBMISSION = (rs, n) -> new Submission(
            rs.getLong("id"),
            rs.getLong("attempt_id"),
            rs.getInt("seq"),
            rs.getString("message"),
            rs.getString("status"),
            rs.getString("decision_comment"),
            rs.getObject("decided_by", Long.class),
            rs.getObject("decided_at", OffsetDateTime.class),
            rs.getObject("created_at", OffsetDateTime.class));
    private static final RowMapper<CaseResult> RESULT = (rs, n) -> new CaseResult(
            rs.getLong("case_id"),
            rs.getString("verdict"),
            rs.getString("stdout"),
            rs.getString("stderr"),
            rs.getLong("wall_time_ms"),
            rs.getLong("memory_kb"));
    private static final RowMapper<Comment> COMMENT = (rs, n) -> new Comment(
            rs.getLong("id"),
            rs.getLong("submission_id"),
            rs.getObject("parent_id", Long.class),
            rs.getLong("author_id"),
            rs.getString("path"),
            rs.getObject("line_no", Integer.class),
            rs.getString("body"),
            rs.getBoolean("resolved"),
            rs.getObject("created_at", OffsetDateTime.class));
    private static final RowMapper<Notification> NOTIFICATION = (rs, n) -> new Notification(
            rs.getLong("id"),
            rs.getLong("user_id"),
            rs.getString("kind"),
            rs.getString("message"),
            rs.getString("link"),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("read_at", OffsetDateTime.class));
    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------ tasks

    long createTask(
            long ownerId,
            String title,
            String statement,
            String language,
            String entry,
            Integer timeLimitMinutes,
            int maxAttempts) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into review_tasks (owner_id, title, statement, language, entry, time_limit_minutes, max_attempts,
                created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ownerId, title, statement, language, entry, timeLimitMinutes, maxAttempts, now, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insertTaskFile(long taskId, String path, String content) {
        jdbc.sql("insert into review_task_files (task_id, path, content) values (?, ?, ?)")
                .params(taskId, path, content)
                .update();
    }

    void insertCase(
            long taskId,
            int ordinal,
            String name,
            String stdin,
            String expected,
            boolean hidden,
            Long timeLimitMs,
            Long memoryMb) {
        jdbc.sql("""
                insert into review_test_cases (task_id, ordinal, name, stdin, expected_stdout, hidden, time_limit_ms, memory_mb)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, ordinal, name, stdin, expected, hidden, timeLimitMs, memoryMb)
                .update();
    }

    Optional<Task> task(long id) {
        return jdbc.sql("select * from review_tasks where id = ?")
                .param(id)
                .query(TASK)
                .optional();
    }

    Optional<Task> lockTask(long id) {
        return jdbc.sql("select * from review_tasks where id = ? for update")
                .param(id)
                .query(TASK)
                .optional();
    }

    Optional<Task> taskByToken(String token) {
        return jdbc.sql("select * from review_tasks where link_token = ?")
                .param(token)
                .query(TASK)
                .optional();
    }

    List<Task> allTasks() {
        return jdbc.sql("select * from review_tasks where archived_at is null order by created_at desc, id desc")
                .query(TASK)
                .list();
    }

    /** Tasks the user owns, or that are shared with or assigned to them, or that they have attempted. */
    List<Task> tasksOf(long userId) {
        return jdbc.sql("""
                select * from review_tasks t where t.archived_at is null and (t.owner_id = ?
                or exists (select 1 from review_task_members m where m.task_id = t.id and m.user_id = ?)
                or exists (select 1 from review_attempts a where a.task_id = t.id and a.learner_id = ?))
                order by t.created_at desc, t.id desc""").params(userId, userId, userId).query(TASK).list();
    }

    void setLink(long taskId, String token, OffsetDateTime expiresAt) {
        jdbc.sql("update review_tasks set link_token = ?, link_expires_at = ?, updated_at = ? where id = ?")
                .params(token, expiresAt, now(), taskId)
                .update();
    }

    List<TaskFile> taskFiles(long taskId) {
        return jdbc.sql("select path, content from review_task_files where task_id = ? order by path")
                .param(taskId)
                .query((rs, n) -> new TaskFile(rs.getString("path"), rs.getString("content")))
                .list();
    }

    List<TestCase> cases(long taskId) {
        return jdbc.sql("select * from review_test_cases where task_id = ? and not retired order by ordinal, id")
                .param(taskId)
                .query(CASE)
                .list();
    }

    /** The task's cases including those an edit retired: what earlier submissions were judged against. */
    List<TestCase> casesEver(long taskId) {
        return jdbc.sql("select * from review_test_cases where task_id = ? order by ordinal, id")
                .param(taskId)
                .query(CASE)
                .list();
    }

    void retireCases(long taskId) {
        jdbc.sql("update review_test_cases set retired = true where task_id = ? and not retired")
                .param(taskId)
                .update();
    }

    void deleteTaskFiles(long taskId) {
        jdbc.sql("delete from review_task_files where task_id = ?")
                .param(taskId)
                .update();
    }

    void updateTask(
            long id,
            String title,
            String statement,
            String language,
            String entry,
            Integer timeLimitMinutes,
            int maxAttempts) {
        jdbc.sql("""
                update review_tasks set title = ?, statement = ?, language = ?, entry = ?, time_limit_minutes = ?, max_attempts = ?,
                updated_at = ? where id = ?""")
                .params(title, statement, language, entry, timeLimitMinutes, maxAttempts, now(), id)
                .update();
    }

    /** Archives the task and drops its link. */
    void archive(long id) {
        jdbc.sql(
                        "update review_tasks set archived_at = ?, link_token = null, link_expires_at = null, updated_at = ? where id = ?")
                .params(now(), now(), id)
                .update();
    }

    boolean isMember(long taskId, long userId, String role) {
        return jdbc.sql(
                                "select count(*) from review_task_members where task_id = ? and user_id = ? and member_role = ?")
                        .params(taskId, userId, role)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void addMember(long taskId, long userId, String role) {
        if (isMember(taskId, userId, role)) return;
        jdbc.sql("insert into review_task_members (task_id, user_id, member_role, created_at) values (?, ?, ?, ?)")
                .params(taskId, userId, role, now())
                .update();
    }

    record Member(long userId, String role) {}

    List<Member> members(long taskId) {
        return jdbc.sql(
                        "select user_id, member_role from review_task_members where task_id = ? order by member_role, user_id")
                .param(taskId)
                .query((rs, n) -> new Member(rs.getLong("user_id"), rs.getString("member_role")))
                .list();
    }

    // ------------------------------------------------------------ attempts

    /** A new attempt; {@code viaLink} is the share link's token that let the learner start it (null: assigned or managed). */
    long createAttempt(
            long taskId,
            long learnerId,
            long projectId,
            OffsetDateTime startedAt,
            OffsetDateTime deadline,
            String viaLink) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "insert into review_attempts (task_id, learner_id, project_id, started_at, deadline_at, via_link) values (?, ?, ?, ?, ?, ?)")
                .params(taskId, learnerId, projectId, startedAt, deadline, viaLink)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Attempt> attempt(long id) {
        return jdbc.sql("select * from review_attempts where id = ?")
                .param(id)
                .query(ATTEMPT)
                .optional();
    }

    Optional<Attempt> lockAttempt(long id) {
        return jdbc.sql("select * from review_attempts where id = ? for update")
                .param(id)
                .query(ATTEMPT)
                .optional();
    }

    List<Attempt> attemptsOf(long taskId, Long learnerId) {
        return learnerId == null
                ? jdbc.sql("select * from review_attempts where task_id = ? order by started_at desc, id desc")
                        .param(taskId)
                        .query(ATTEMPT)
                        .list()
                : jdbc.sql(
                                "select * from review_attempts where task_id = ? and learner_id = ? order by started_at desc, id desc")
                        .params(taskId, learnerId)
                        .query(ATTEMPT)
                        .list();
    }

    List<Attempt> attemptsByLearner(long learnerId) {
        return jdbc.sql("select * from review_attempts where learner_id = ? order by started_at desc, id desc")
                .param(learnerId)
                .query(ATTEMPT)
                .list();
    }

    List<Attempt> attemptsByProject(long projectId) {
        return jdbc.sql("select * from review_attempts where project_id = ?")
                .param(projectId)
                .query(ATTEMPT)
                .list();
    }

    // ------------------------------------------------------------ submissions

    long createSubmission(long attemptId, int seq, String message) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "insert into review_submissions (attempt_id, seq, message, status, created_at) values (?, ?, ?, 'submitted', ?)")
                .params(attemptId, seq, message, now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    int nextSeq(long attemptId) {
        return jdbc.sql("select coalesce(max(seq), 0) + 1 from review_submissions where attempt_id = ?")
                .param(attemptId)
                .query(Integer.class)
                .single();
    }

    void insertSubmissionFile(long submissionId, String path, String content) {
        jdbc.sql("insert into review_submission_files (submission_id, path, content) values (?, ?, ?)")
                .params(submissionId, path, content)
                .update();
    }

    void insertResult(long submissionId, CaseResult r) {
        jdbc.sql("""
                insert into review_case_results (submission_id, case_id, verdict, stdout, stderr, wall_time_ms, memory_kb)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(submissionId, r.caseId(), r.verdict(), r.stdout(), r.stderr(), r.wallTimeMs(), r.memoryKb())
                .update();
    }

    Optional<Submission> submission(long id) {
        return jdbc.sql("select * from review_submissions where id = ?")
                .param(id)
                .query(SUBMISSION)
                .optional();
    }

    Optional<Submission> lockSubmission(long id) {
        return jdbc.sql("select * from review_submissions where id = ? for update")
                .param(id)
                .query(SUBMISSION)
                .optional();
    }

    Optional<Submission> submissionBySeq(long attemptId, int seq) {
        return jdbc.sql("select * from review_submissions where attempt_id = ? and seq = ?")
                .params(attemptId, seq)
                .query(SUBMISSION)
                .optional();
    }

    List<Submission> submissionsOf(long attemptId) {
        return jdbc.sql("select * from review_submissions where attempt_id = ? order by seq desc")
                .param(attemptId)
                .query(SUBMISSION)
                .list();
    }

    List<TaskFile> submissionFiles(long submissionId) {
        return jdbc.sql("select path, content from review_submission_files where submission_id = ? order by path")
                .param(submissionId)
                .query((rs, n) -> new TaskFile(rs.getString("path"), rs.getString("content")))
                .list();
    }

    List<CaseResult> results(long submissionId) {
        return jdbc.sql("select * from review_case_results where submission_id = ?")
                .param(submissionId)
                .query(RESULT)
                .list();
    }

    void decide(long submissionId, String status, String comment, long by) {
        jdbc.sql(
                        "update review_submissions set status = ?, decision_comment = ?, decided_by = ?, decided_at = ? where id = ?")
                .params(status, comment, by, now(), submissionId)
                .update();
    }

    /** The queue: filters are optional; {@code visibleTo} null means every task (admins). */
    List<Submission> queue(Long visibleTo, List<String> statuses, Long taskId, Long learnerId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select s.* from review_submissions s
                join review_attempts a on a.id = s.attempt_id join review_tasks t on t.id = a.task_id where 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (visibleTo != null) {
            sql.append(" and (t.owner_id = ? or a.learner_id = ? or exists (select 1 from review_task_members m"
                    + " where m.task_id = t.id and m.user_id = ? and m.member_role = 'reviewer'))");
            params.add(visibleTo);
            params.add(visibleTo);
            params.add(visibleTo);
        }
        if (statuses != null && !statuses.isEmpty()) {
            sql.append(" and s.status in (")
                    .append(String.join(", ", statuses.stream().map(x -> "?").toList()))
                    .append(')');
            params.addAll(statuses);
        }
        if (taskId != null) {
            sql.append(" and t.id = ?");
            params.add(taskId);
        }
        if (learnerId != null) {
            sql.append(" and a.learner_id = ?");
            params.add(learnerId);
        }
        sql.append(" order by s.created_at desc, s.id desc limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(SUBMISSION).list();
    }

    // ------------------------------------------------------------ comments

    long addComment(long submissionId, Long parentId, long authorId, String path, Integer line, String body) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review_comments (submission_id, parent_id, author_id, path, line_no, body, resolved, created_at)
                values (?, ?, ?, ?, ?, ?, false, ?)""")
                .params(submissionId, parentId, authorId, path, line, body, now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Comment> comments(long submissionId) {
        return jdbc.sql("select * from review_comments where submission_id = ? order by id")
                .param(submissionId)
                .query(COMMENT)
                .list();
    }

    Optional<Comment> comment(long id) {
        return jdbc.sql("select * from review_comments where id = ?")
                .param(id)
                .query(COMMENT)
                .optional();
    }

    void resolve(long commentId, boolean resolved) {
        jdbc.sql("update review_comments set resolved = ? where id = ?")
                .params(resolved, commentId)
                .update();
    }

    // ------------------------------------------------------------ notifications

    void notify(long userId, String kind, String message, String link) {
        jdbc.sql("insert into notifications (user_id, kind, message, link, created_at) values (?, ?, ?, ?, ?)")
                .params(userId, kind, message, link, now())
                .update();
    }

    List<Notification> notifications(long userId, boolean unreadOnly, int limit) {
        return jdbc.sql("select * from notifications where user_id = ?" + (unreadOnly ? " and read_at is null" : "")
                        + " order by id desc limit " + limit)
                .param(userId)
                .query(NOTIFICATION)
                .list();
    }

    long unread(long userId) {
        return jdbc.sql("select count(*) from notifications where user_id = ? and read_at is null")
                .param(userId)
                .query(Long.class)
                .single();
    }

    boolean markRead(long userId, long id) {
        return jdbc.sql("update notifications set read_at = coalesce(read_at, ?) where id = ? and user_id = ?")
                        .params(now(), id, userId)
                        .update()
                == 1;
    }

    int markAllRead(long userId) {
        return jdbc.sql("update notifications set read_at = ? where user_id = ? and read_at is null")
                .params(now(), userId)
                .update();
    }
}

package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewRecords.now;

import dev.sandlot.server.review.ReviewRecords.Task;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review tasks with their starter files, test cases and members (assignees, shared
 * reviewers).
 */
@Repository
class TaskRepository {

    private static final RowMapper<Task> TASK = (rs, n) -> new Task(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getString("title"), rs.getString("statement"), rs.getString("language"), rs.getString("entry"),
            rs.getObject("time_limit_minutes", Integer.class), rs.getInt("max_attempts"), rs.getString("link_token"),
            rs.getObject("link_expires_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("archived_at", OffsetDateTime.class));

    private static final RowMapper<TestCase> CASE = (rs, n) -> new TestCase(rs.getLong("id"), rs.getLong("task_id"),
            rs.getInt("ordinal"), rs.getString("name"), rs.getString("stdin"), rs.getString("expected_stdout"),
            rs.getBoolean("hidden"), rs.getObject("time_limit_ms", Long.class), rs.getObject("memory_mb", Long.class));

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    TaskRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long createTask(long ownerId, String title, String statement, String language, String entry,
            Integer timeLimitMinutes, int maxAttempts) {
        return createTask(ownerId, title, statement, language, entry, timeLimitMinutes, maxAttempts, false);
    }

    /**
     * A new task; a {@code hidden} one (made for an interview) is left out of task lists.
     */
    long createTask(long ownerId, String title, String statement, String language, String entry,
            Integer timeLimitMinutes, int maxAttempts, boolean hidden) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into review_tasks (owner_id, title, statement, language, entry, time_limit_minutes, max_attempts,
                hidden, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(ownerId, title, statement, language, entry, timeLimitMinutes, maxAttempts, hidden, now, now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The task's rubric: the criteria an interview on it is scored on (empty: none). */
    List<String> rubric(long taskId) {
        String stored = jdbc.sql("select rubric_json from review_tasks where id = ?")
            .param(taskId)
            .query(String.class)
            .optional()
            .orElse(null);
        return stored == null ? List.of() : json.readValue(stored, NAMES);
    }

    void setRubric(long taskId, List<String> rubric) {
        jdbc.sql("update review_tasks set rubric_json = ? where id = ?")
            .params(rubric.isEmpty() ? null : json.writeValueAsString(rubric), taskId)
            .update();
    }

    void insertTaskFile(long taskId, String path, String content) {
        jdbc.sql("insert into review_task_files (task_id, path, content) values (?, ?, ?)")
            .params(taskId, path, content)
            .update();
    }

    void insertCase(long taskId, int ordinal, String name, String stdin, String expected, boolean hidden,
            Long timeLimitMs, Long memoryMb) {
        jdbc.sql(
                """
                        insert into review_test_cases (task_id, ordinal, name, stdin, expected_stdout, hidden, time_limit_ms, memory_mb)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(taskId, ordinal, name, stdin, expected, hidden, timeLimitMs, memoryMb)
            .update();
    }

    Optional<Task> task(long id) {
        return jdbc.sql("select * from review_tasks where id = ?").param(id).query(TASK).optional();
    }

    Optional<Task> lockTask(long id) {
        return jdbc.sql("select * from review_tasks where id = ? for update").param(id).query(TASK).optional();
    }

    Optional<Task> taskByToken(String token) {
        return jdbc.sql("select * from review_tasks where link_token = ?").param(token).query(TASK).optional();
    }

    List<Task> allTasks() {
        return jdbc.sql(
                "select * from review_tasks where archived_at is null and not hidden order by created_at desc, id desc")
            .query(TASK)
            .list();
    }

    /**
     * Tasks the user owns, or that are shared with or assigned to them, or that they have
     * attempted.
     */
    List<Task> tasksOf(long userId) {
        return jdbc.sql("""
                select * from review_tasks t where t.archived_at is null and not t.hidden and (t.owner_id = ?
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

    /**
     * The task's cases including those an edit retired: what earlier submissions were
     * judged against.
     */
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
        jdbc.sql("delete from review_task_files where task_id = ?").param(taskId).update();
    }

    void updateTask(long id, String title, String statement, String language, String entry, Integer timeLimitMinutes,
            int maxAttempts) {
        jdbc.sql(
                """
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
        return jdbc
            .sql("select count(*) from review_task_members where task_id = ? and user_id = ? and member_role = ?")
            .params(taskId, userId, role)
            .query(Long.class)
            .single() > 0;
    }

    void addMember(long taskId, long userId, String role) {
        if (isMember(taskId, userId, role))
            return;
        jdbc.sql("insert into review_task_members (task_id, user_id, member_role, created_at) values (?, ?, ?, ?)")
            .params(taskId, userId, role, now())
            .update();
    }

    record Member(long userId, String role) {
    }

    List<Member> members(long taskId) {
        return jdbc
            .sql("select user_id, member_role from review_task_members where task_id = ? order by member_role, user_id")
            .param(taskId)
            .query((rs, n) -> new Member(rs.getLong("user_id"), rs.getString("member_role")))
            .list();
    }

}

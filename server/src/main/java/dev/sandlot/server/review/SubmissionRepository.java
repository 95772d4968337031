package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewRecords.now;

import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.Submission;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Submissions of an attempt: their frozen files, test results and decisions, and the
 * review queue.
 */
@Repository
class SubmissionRepository {

    private static final RowMapper<Submission> SUBMISSION = (rs, n) -> new Submission(rs.getLong("id"),
            rs.getLong("attempt_id"), rs.getInt("seq"), rs.getString("message"), rs.getString("status"),
            rs.getString("decision_comment"), rs.getObject("decided_by", Long.class),
            rs.getObject("decided_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));

    private static final RowMapper<CaseResult> RESULT = (rs, n) -> new CaseResult(rs.getLong("case_id"),
            rs.getString("verdict"), rs.getString("stdout"), rs.getString("stderr"), rs.getLong("wall_time_ms"),
            rs.getLong("memory_kb"));

    private final JdbcClient jdbc;

    SubmissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
        jdbc.sql(
                """
                        insert into review_case_results (submission_id, case_id, verdict, stdout, stderr, wall_time_ms, memory_kb)
                        values (?, ?, ?, ?, ?, ?, ?)""")
            .params(submissionId, r.caseId(), r.verdict(), r.stdout(), r.stderr(), r.wallTimeMs(), r.memoryKb())
            .update();
    }

    Optional<Submission> submission(long id) {
        return jdbc.sql("select * from review_submissions where id = ?").param(id).query(SUBMISSION).optional();
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

    /**
     * The queue: filters are optional; {@code visibleTo} null means every task (admins).
     */
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

}

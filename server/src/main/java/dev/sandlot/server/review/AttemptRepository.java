package dev.sandlot.server.review;

import dev.sandlot.server.review.ReviewRecords.Attempt;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Learners' attempts at a task, each with the project it is worked in. */
@Repository
class AttemptRepository {

    private static final RowMapper<Attempt> ATTEMPT = (rs, n) -> new Attempt(rs.getLong("id"), rs.getLong("task_id"),
            rs.getLong("learner_id"), rs.getObject("project_id", Long.class),
            rs.getObject("started_at", OffsetDateTime.class), rs.getObject("deadline_at", OffsetDateTime.class),
            rs.getString("via_link"));

    private final JdbcClient jdbc;

    AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new attempt; {@code viaLink} is the share link's token that let the learner start
     * it (null: assigned or managed).
     */
    long createAttempt(long taskId, long learnerId, long projectId, OffsetDateTime startedAt, OffsetDateTime deadline,
            String viaLink) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                "insert into review_attempts (task_id, learner_id, project_id, started_at, deadline_at, via_link) values (?, ?, ?, ?, ?, ?)")
            .params(taskId, learnerId, projectId, startedAt, deadline, viaLink)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Attempt> attempt(long id) {
        return jdbc.sql("select * from review_attempts where id = ?").param(id).query(ATTEMPT).optional();
    }

    Optional<Attempt> lockAttempt(long id) {
        return jdbc.sql("select * from review_attempts where id = ? for update").param(id).query(ATTEMPT).optional();
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
        return jdbc.sql("select * from review_attempts where project_id = ?").param(projectId).query(ATTEMPT).list();
    }

}

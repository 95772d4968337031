package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewRecords.now;

import dev.sandlot.server.review.ReviewRecords.Comment;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Comments on a submission and their replies. */
@Repository
class CommentRepository {

    private static final RowMapper<Comment> COMMENT = (rs, n) -> new Comment(rs.getLong("id"),
            rs.getLong("submission_id"), rs.getObject("parent_id", Long.class), rs.getLong("author_id"),
            rs.getString("path"), rs.getObject("line_no", Integer.class), rs.getString("body"),
            rs.getBoolean("resolved"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long addComment(long submissionId, Long parentId, long authorId, String path, Integer line, String body) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                """
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
        return jdbc.sql("select * from review_comments where id = ?").param(id).query(COMMENT).optional();
    }

    void resolve(long commentId, boolean resolved) {
        jdbc.sql("update review_comments set resolved = ? where id = ?").params(resolved, commentId).update();
    }

}

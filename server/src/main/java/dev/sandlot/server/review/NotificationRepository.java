package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewRecords.now;

import dev.sandlot.server.review.ReviewRecords.Notification;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's notifications and whether they have been read. */
@Repository
class NotificationRepository {

    private static final RowMapper<Notification> NOTIFICATION = (rs, n) -> new Notification(rs.getLong("id"),
            rs.getLong("user_id"), rs.getString("kind"), rs.getString("message"), rs.getString("link"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void notify(long userId, String kind, String message, String link) {
        jdbc.sql("insert into notifications (user_id, kind, message, link, created_at) values (?, ?, ?, ?, ?)")
            .params(userId, kind, message, link, now())
            .update();
    }

    List<Notification> notifications(long userId, boolean unreadOnly, int limit) {
        return jdbc
            .sql("select * from notifications where user_id = ?" + (unreadOnly ? " and read_at is null" : "")
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
            .update() == 1;
    }

    int markAllRead(long userId) {
        return jdbc.sql("update notifications set read_at = ? where user_id = ? and read_at is null")
            .params(now(), userId)
            .update();
    }

}

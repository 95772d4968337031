package dev.sandlot.server.interview;

import static dev.sandlot.server.interview.PadRecords.now;

import dev.sandlot.server.interview.PadRecords.Link;
import dev.sandlot.server.interview.PadRecords.Note;
import dev.sandlot.server.interview.PadRecords.Scorecard;
import dev.sandlot.server.interview.PadRecords.Timer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Pads with their links, participants, timer, notes and scorecards. */
@Repository
class PadRepository {

    private static final RowMapper<Pad> PAD = (rs, n) -> new Pad(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getLong("project_id"), rs.getObject("task_id", Long.class), rs.getString("title"),
            rs.getString("language"), rs.getBoolean("allow_guests"), rs.getBoolean("interviewer_may_type"),
            rs.getInt("max_participants"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("ended_at", OffsetDateTime.class), rs.getObject("submission_id", Long.class));

    private static final RowMapper<Participant> PARTICIPANT = (rs, n) -> new Participant(rs.getLong("id"),
            rs.getLong("pad_id"), rs.getLong("user_id"), rs.getString("name"), role(rs.getString("role")),
            rs.getString("colour"));

    private static final RowMapper<Link> LINK = (rs, n) -> new Link(rs.getLong("pad_id"), role(rs.getString("role")),
            rs.getString("token"), rs.getObject("expires_at", OffsetDateTime.class),
            rs.getObject("revoked_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    PadRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    static PadRole role(String stored) {
        return PadRole.valueOf(stored);
    }

    long create(long ownerId, long projectId, Long taskId, String title, String language, boolean allowGuests,
            boolean interviewerMayType, int maxParticipants, List<String> rubric) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into pads (owner_id, project_id, task_id, title, language, allow_guests, interviewer_may_type,
                max_participants, rubric_json, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(ownerId, projectId, taskId, title, language, allowGuests, interviewerMayType, maxParticipants,
                    json.writeValueAsString(rubric), now())
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Pad> find(long id) {
        return jdbc.sql("select * from pads where id = ?").param(id).query(PAD).optional();
    }

    /**
     * Locks the pad's row for the rest of the transaction: joins and ends of one pad are
     * serialised.
     */
    Optional<Pad> lock(long id) {
        return jdbc.sql("select * from pads where id = ? for update").param(id).query(PAD).optional();
    }

    Optional<Pad> byProject(long projectId) {
        return jdbc.sql("select * from pads where project_id = ?").param(projectId).query(PAD).optional();
    }

    /** The pads the user is in, newest first. */
    List<Pad> padsOf(long userId) {
        return jdbc.sql("""
                select p.* from pads p where exists (select 1 from pad_participants m
                where m.pad_id = p.id and m.user_id = ?) order by p.created_at desc, p.id desc""")
            .param(userId)
            .query(PAD)
            .list();
    }

    void updateSettings(long id, String title, boolean allowGuests, boolean interviewerMayType) {
        jdbc.sql("update pads set title = ?, allow_guests = ?, interviewer_may_type = ? where id = ?")
            .params(title, allowGuests, interviewerMayType, id)
            .update();
    }

    List<String> rubric(long id) {
        String stored = jdbc.sql("select rubric_json from pads where id = ?").param(id).query(String.class).single();
        return json.readValue(stored, NAMES);
    }

    Optional<Timer> timer(long id) {
        return jdbc
            .sql("select timer_started_at, timer_minutes from pads where id = ? and timer_started_at is not null")
            .param(id)
            .query((rs, n) -> new Timer(rs.getObject("timer_started_at", OffsetDateTime.class),
                    rs.getInt("timer_minutes")))
            .optional();
    }

    void setTimer(long id, OffsetDateTime startedAt, Integer minutes) {
        jdbc.sql("update pads set timer_started_at = ?, timer_minutes = ? where id = ?")
            .params(startedAt, minutes, id)
            .update();
    }

    void end(long id, OffsetDateTime at) {
        jdbc.sql("update pads set ended_at = ?, timer_started_at = null, timer_minutes = null where id = ?")
            .params(at, id)
            .update();
    }

    void setSubmission(long id, long submissionId) {
        jdbc.sql("update pads set submission_id = ? where id = ?").params(submissionId, id).update();
    }

    // ------------------------------------------------------------ links

    Optional<Link> link(long padId, PadRole role) {
        return jdbc.sql("select * from pad_links where pad_id = ? and role = ?")
            .params(padId, role.name())
            .query(LINK)
            .optional();
    }

    Optional<Link> linkByToken(String token) {
        return jdbc.sql("select * from pad_links where token = ?").param(token).query(LINK).optional();
    }

    /** Gives the pad's link for {@code role} a new token (the old one stops working). */
    void issueLink(long padId, PadRole role, String token, OffsetDateTime expiresAt) {
        int updated = jdbc.sql(
                "update pad_links set token = ?, expires_at = ?, revoked_at = null, created_at = ? where pad_id = ? and role = ?")
            .params(token, expiresAt, now(), padId, role.name())
            .update();
        if (updated == 0) {
            jdbc.sql("insert into pad_links (pad_id, role, token, expires_at, created_at) values (?, ?, ?, ?, ?)")
                .params(padId, role.name(), token, expiresAt, now())
                .update();
        }
    }

    void revokeLink(long padId, PadRole role) {
        jdbc.sql("update pad_links set revoked_at = ? where pad_id = ? and role = ? and revoked_at is null")
            .params(now(), padId, role.name())
            .update();
    }

    // ------------------------------------------------------------ participants

    long addParticipant(long padId, long userId, PadRole role, String name, String colour, boolean guest) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into pad_participants (pad_id, user_id, role, name, colour, guest, joined_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
            .params(padId, userId, role.name(), name, colour, guest, now())
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Participant> participants(long padId) {
        return jdbc.sql("select * from pad_participants where pad_id = ? order by id")
            .param(padId)
            .query(PARTICIPANT)
            .list();
    }

    Optional<Participant> participant(long padId, long userId) {
        return jdbc.sql("select * from pad_participants where pad_id = ? and user_id = ?")
            .params(padId, userId)
            .query(PARTICIPANT)
            .optional();
    }

    /** The ids of the participants who joined as guests. */
    List<Long> guests(long padId) {
        return jdbc.sql("select id from pad_participants where pad_id = ? and guest = true")
            .param(padId)
            .query(Long.class)
            .list();
    }

    /** Whether the user is in the pad whose project this is, and as what. */
    Optional<PadRole> roleInProjectPad(long projectId, long userId) {
        return jdbc.sql("""
                select m.role from pad_participants m join pads p on p.id = m.pad_id
                where p.project_id = ? and m.user_id = ?""")
            .params(projectId, userId)
            .query(String.class)
            .optional()
            .map(PadRepository::role);
    }

    // ------------------------------------------------------------ notes and scorecards

    void saveNote(long padId, long participantId, String markdown) {
        int updated = jdbc
            .sql("update pad_notes set markdown = ?, updated_at = ? where pad_id = ? and participant_id = ?")
            .params(markdown, now(), padId, participantId)
            .update();
        if (updated == 0) {
            jdbc.sql("insert into pad_notes (pad_id, participant_id, markdown, updated_at) values (?, ?, ?, ?)")
                .params(padId, participantId, markdown, now())
                .update();
        }
    }

    List<Note> notes(long padId) {
        return jdbc.sql("select * from pad_notes where pad_id = ? order by participant_id")
            .param(padId)
            .query((rs, n) -> new Note(rs.getLong("participant_id"), rs.getString("markdown"),
                    rs.getObject("updated_at", OffsetDateTime.class)))
            .list();
    }

    void saveScorecard(long padId, long participantId, Map<String, Integer> scores, String recommendation,
            String comment) {
        String scoresJson = json.writeValueAsString(scores);
        int updated = jdbc.sql("""
                update pad_scorecards set scores_json = ?, recommendation = ?, comment = ?, updated_at = ?
                where pad_id = ? and participant_id = ?""")
            .params(scoresJson, recommendation, comment, now(), padId, participantId)
            .update();
        if (updated == 0) {
            jdbc.sql(
                    """
                            insert into pad_scorecards (pad_id, participant_id, scores_json, recommendation, comment, updated_at)
                            values (?, ?, ?, ?, ?, ?)""")
                .params(padId, participantId, scoresJson, recommendation, comment, now())
                .update();
        }
    }

    List<Scorecard> scorecards(long padId) {
        return jdbc.sql("select * from pad_scorecards where pad_id = ? order by participant_id")
            .param(padId)
            .query((rs, n) -> new Scorecard(rs.getLong("participant_id"),
                    json.readValue(rs.getString("scores_json"), SCORES), rs.getString("recommendation"),
                    rs.getString("comment"), rs.getObject("updated_at", OffsetDateTime.class)))
            .list();
    }

    static String wire(PadRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

}

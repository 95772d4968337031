package dev.sandlot.server.interview.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pads' update logs, snapshots, client ids and runs (tables of V9). Updates are
 * appended, never changed or deleted: they are the playback record.
 */
@Repository
class UpdateLog {

    /** One logged update; {@code participantId} null for the server's own edits. */
    record Entry(long seq, Long participantId, OffsetDateTime at, int insertedChars, int largestInsert,
            byte[] payload) {
    }

    record Snapshot(long uptoSeq, byte[] payload) {
    }

    /** A finished run as playback shows it. */
    record Run(String runId, long participantId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String status,
            String resultJson, String stdout, String stderr) {
    }

    private final JdbcClient jdbc;

    UpdateLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(long padId, long seq, Long participantId, OffsetDateTime at, int insertedChars, int largestInsert,
            byte[] payload) {
        jdbc.sql(
                """
                        insert into pad_updates (pad_id, seq, participant_id, created_at, inserted_chars, largest_insert, payload)
                        values (?, ?, ?, ?, ?, ?, ?)""")
            .params(padId, seq, participantId, at, insertedChars, largestInsert, payload)
            .update();
    }

    long lastSeq(long padId) {
        return jdbc.sql("select coalesce(max(seq), 0) from pad_updates where pad_id = ?")
            .param(padId)
            .query(Long.class)
            .single();
    }

    /** The updates after {@code seq}, in order. */
    List<Entry> after(long padId, long seq) {
        return jdbc.sql("""
                select seq, participant_id, created_at, inserted_chars, largest_insert, payload from pad_updates
                where pad_id = ? and seq > ? order by seq""")
            .params(padId, seq)
            .query((rs, n) -> new Entry(rs.getLong("seq"), rs.getObject("participant_id", Long.class),
                    rs.getObject("created_at", OffsetDateTime.class), rs.getInt("inserted_chars"),
                    rs.getInt("largest_insert"), rs.getBytes("payload")))
            .list();
    }

    Optional<Snapshot> latestSnapshot(long padId) {
        return jdbc.sql("select upto_seq, payload from pad_snapshots where pad_id = ? order by upto_seq desc limit 1")
            .param(padId)
            .query((rs, n) -> new Snapshot(rs.getLong("upto_seq"), rs.getBytes("payload")))
            .optional();
    }

    void snapshot(long padId, long uptoSeq, byte[] payload) {
        // Older snapshots are dropped: loading needs the latest, playback the updates.
        jdbc.sql("delete from pad_snapshots where pad_id = ? and upto_seq <= ?").params(padId, uptoSeq).update();
        jdbc.sql("insert into pad_snapshots (pad_id, upto_seq, created_at, payload) values (?, ?, ?, ?)")
            .params(padId, uptoSeq, OffsetDateTime.now(ZoneOffset.UTC), payload)
            .update();
    }

    /** Client id to participant id (null: the server's). */
    Map<Long, Long> clients(long padId) {
        Map<Long, Long> owners = new HashMap<>();
        jdbc.sql("select client_id, participant_id from pad_clients where pad_id = ?").param(padId).query(rs -> {
            Long participant = rs.getObject("participant_id", Long.class);
            owners.put(rs.getLong("client_id"), participant == null ? PadRoom.SERVER : participant);
        });
        return owners;
    }

    void bindClient(long padId, long clientId, Long participantId) {
        jdbc.sql("insert into pad_clients (pad_id, client_id, participant_id) values (?, ?, ?)")
            .params(padId, clientId, participantId)
            .update();
    }

    Optional<Long> writtenRevision(long padId) {
        return jdbc.sql("select written_revision from pad_documents where pad_id = ?")
            .param(padId)
            .query(Long.class)
            .optional();
    }

    void written(long padId, long revision) {
        if (jdbc.sql("update pad_documents set written_revision = ? where pad_id = ?")
            .params(revision, padId)
            .update() == 0) {
            jdbc.sql("insert into pad_documents (pad_id, written_revision) values (?, ?)")
                .params(padId, revision)
                .update();
        }
    }

    void recordRun(long padId, Run run) {
        jdbc.sql("""
                insert into pad_runs (pad_id, run_id, participant_id, started_at, finished_at, status, result_json,
                    stdout, stderr) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(padId, run.runId(), run.participantId(), run.startedAt(), run.finishedAt(), run.status(),
                    run.resultJson(), run.stdout(), run.stderr())
            .update();
    }

    List<Run> runs(long padId) {
        return jdbc.sql("""
                select run_id, participant_id, started_at, finished_at, status, result_json, stdout, stderr
                from pad_runs where pad_id = ? order by started_at, id""")
            .param(padId)
            .query((rs, n) -> new Run(rs.getString("run_id"), rs.getLong("participant_id"),
                    rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                    rs.getString("status"), rs.getString("result_json"), rs.getString("stdout"),
                    rs.getString("stderr")))
            .list();
    }

}

package dev.sandlot.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a history record lacks to be run again exactly. */
class ExecutionTest {

    private static Execution recorded(String source, String code, String limitsJson, String inputJson,
            boolean inputTruncated) {
        return new Execution("id", 1, null, null, null, "python", "3.11.2", "main.py", code, null, "", null, "", "",
                "ok", 0, null, 1, 1, 1, source, OffsetDateTime.now(ZoneOffset.UTC), limitsJson, inputJson,
                inputTruncated, false);
    }

    @Test
    void aRunRecordedWithEverythingIsExact() {
        assertThat(recorded("execute", "print(1)", "{}", null, false).exact()).isTrue();
        assertThat(recorded("stream", "print(1)", "{}", "[]", false).missing()).isEmpty();
    }

    @Test
    void whatWasDroppedOrNeverRecordedIsNamed() {
        assertThat(recorded("execute", "print(1)", "{}", null, true).missing()).containsExactly("stdin");
        assertThat(recorded("project", null, "{}", null, false).missing()).containsExactly("files");
        // Before issue 14: no limits, and no typed input from the stream.
        assertThat(recorded("execute", "print(1)", null, null, false).missing()).containsExactly("limits");
        assertThat(recorded("stream", "print(1)", null, null, false).missing()).containsExactly("stdin", "limits");
        assertThat(recorded("stream", "print(1)", null, null, false).exact()).isFalse();
    }

}

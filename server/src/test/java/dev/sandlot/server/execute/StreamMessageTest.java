package dev.sandlot.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream's messages as the server's own JSON mapper writes them: the kind first as
 * "type", then the fields in the order clients have always seen.
 */
class StreamMessageTest {

    private static JsonMapper json;

    @BeforeAll
    static void serversMapper() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .run(context -> json = context.getBean(JsonMapper.class));
    }

    private static String wire(StreamMessage message) {
        return json.writeValueAsString(message);
    }

    @Test
    void startedOutputAndPong() {
        assertThat(wire(new StreamMessage.Started("r-1"))).isEqualTo("{\"type\":\"started\",\"id\":\"r-1\"}");
        assertThat(wire(new StreamMessage.Stdout("hi\n"))).isEqualTo("{\"type\":\"stdout\",\"data\":\"hi\\n\"}");
        assertThat(wire(new StreamMessage.Stderr("oops"))).isEqualTo("{\"type\":\"stderr\",\"data\":\"oops\"}");
        assertThat(wire(new StreamMessage.Pong())).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void exitIsTheRunResponseBesideItsType() {
        RunResponse.Stage compile = new RunResponse.Stage("ok", 0, null, "", "warning", false, false, 120, 100, 2048,
                null, true);
        RunResponse result = new RunResponse("r-1", "c", "14", "runtime_error", null, "SIGSEGV", "out", "", false, true,
                12, 3, 4096, "Segmentation fault", "/w==", null, compile, null, false);
        // What the handler sent when the exit message was a map: "type", then the
        // result's fields.
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("type", "exit");
        before.putAll(json.convertValue(result, new TypeReference<Map<String, Object>>() {
        }));

        assertThat(wire(new StreamMessage.Exit(result))).isEqualTo(json.writeValueAsString(before));
        assertThat(wire(new StreamMessage.Exit(result)))
            .startsWith("{\"type\":\"exit\",\"id\":\"r-1\",\"language\":\"c\",\"version\":\"14\","
                    + "\"status\":\"runtime_error\",\"exitCode\":null,\"signal\":\"SIGSEGV\"")
            .contains("\"stdoutBase64\":\"/w==\",\"compile\":{\"status\":\"ok\"")
            .doesNotContain("stderrBase64");
    }

    @Test
    void aFileIsItsFieldsBesideItsType() {
        assertThat(wire(new StreamMessage.File(new RunResponse.File("figure-1.png", "image/png", 3, "iVBO"))))
            .isEqualTo("{\"type\":\"file\",\"name\":\"figure-1.png\",\"mimeType\":\"image/png\","
                    + "\"size\":3,\"base64\":\"iVBO\"}");
    }

    @Test
    void aRunThatFailedOnTheServerStillEndsWithExit() {
        assertThat(wire(StreamMessage.Failed.onTheServer())).isEqualTo(
                "{\"type\":\"exit\",\"status\":\"internal_error\"," + "\"message\":\"The run failed on the server.\"}");
    }

    @Test
    void errorNamesTheFieldOnlyWhenThereIsOne() {
        assertThat(wire(StreamMessage.Problem.of(400, "invalid-request", "Invalid message",
                "stdin needs a string field data.", "data")))
            .isEqualTo("{\"type\":\"error\",\"problemType\":\"urn:sandlot:problem:invalid-request\","
                    + "\"status\":400,\"title\":\"Invalid message\","
                    + "\"detail\":\"stdin needs a string field data.\",\"field\":\"data\"}");
        assertThat(wire(StreamMessage.Problem.of(409, "not-started", "No run", "Send a start message.", null)))
            .isEqualTo("{\"type\":\"error\",\"problemType\":\"urn:sandlot:problem:not-started\","
                    + "\"status\":409,\"title\":\"No run\",\"detail\":\"Send a start message.\"}");
    }

}

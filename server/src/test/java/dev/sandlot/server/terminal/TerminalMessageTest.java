package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The terminal socket's messages as the server's own JSON mapper writes them: the kind
 * first as "type", the fields in the order clients have always seen, null where the
 * protocol sends null and nothing where it leaves a field out.
 */
class TerminalMessageTest {

    private static JsonMapper json;

    @BeforeAll
    static void serversMapper() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .run(context -> json = context.getBean(JsonMapper.class));
    }

    private static String wire(TerminalMessage message) {
        return json.writeValueAsString(message);
    }

    @Test
    void sessionGreeting() {
        assertThat(wire(new TerminalMessage.Session("s-1", 7, "control", false, 80, 24, 1800)))
            .isEqualTo("{\"type\":\"session\",\"id\":\"s-1\",\"projectId\":7,\"mode\":\"control\","
                    + "\"reattached\":false,\"cols\":80,\"rows\":24,\"idleTimeoutSeconds\":1800}");
    }

    @Test
    void outputCarriesBytesOnlyWhenMalformedAndReplayOnlyOnReplay() {
        assertThat(wire(TerminalMessage.Output.live("hi", null))).isEqualTo("{\"type\":\"output\",\"data\":\"hi\"}");
        assertThat(wire(TerminalMessage.Output.live("\ufffd", "/w==")))
            .isEqualTo("{\"type\":\"output\",\"data\":\"\ufffd\",\"bytes\":\"/w==\"}");
        assertThat(wire(TerminalMessage.Output.replay("$ ")))
            .isEqualTo("{\"type\":\"output\",\"data\":\"$ \",\"replay\":true}");
    }

    @Test
    void filesChanged() {
        assertThat(wire(new TerminalMessage.FilesChanged(List.of("a.py", "gone.py"), List.of("gone.py"),
                List.of(new WorkspaceSync.Skipped("blob.bin", "binary")))))
            .isEqualTo("{\"type\":\"files-changed\",\"paths\":[\"a.py\",\"gone.py\"],\"deleted\":[\"gone.py\"],"
                    + "\"skipped\":[{\"path\":\"blob.bin\",\"reason\":\"binary\"}]}");
    }

    @Test
    void exitSendsNullCodeAndSignal() {
        assertThat(wire(new TerminalMessage.Exit("closed", null, null, "The terminal was closed.")))
            .isEqualTo("{\"type\":\"exit\",\"reason\":\"closed\",\"code\":null,\"signal\":null,"
                    + "\"message\":\"The terminal was closed.\"}");
        assertThat(wire(new TerminalMessage.Exit("exit", 4, "SIGKILL", "m")))
            .isEqualTo("{\"type\":\"exit\",\"reason\":\"exit\",\"code\":4,\"signal\":\"SIGKILL\",\"message\":\"m\"}");
    }

    @Test
    void errorNamesTheFieldOnlyWhenThereIsOne() {
        assertThat(wire(TerminalMessage.Problem.of(400, "invalid-request", "bytes must be base64.", "bytes")))
            .isEqualTo("{\"type\":\"error\",\"status\":400,\"problem\":\"urn:sandlot:problem:invalid-request\","
                    + "\"detail\":\"bytes must be base64.\",\"field\":\"bytes\"}");
        assertThat(wire(TerminalMessage.Problem.of(429, "too-many-clients", "Close a tab.", null)))
            .isEqualTo("{\"type\":\"error\",\"status\":429,\"problem\":\"urn:sandlot:problem:too-many-clients\","
                    + "\"detail\":\"Close a tab.\"}");
    }

    @Test
    void modeTellsAnOpenConnectionWhatItMayDoNow() {
        assertThat(wire(TerminalMessage.Mode.downgraded("pad-ended"))).startsWith(
                "{\"type\":\"mode\",\"mode\":\"view\",\"reason\":\"pad-ended\",\"mayControl\":false,\"message\":");
        assertThat(wire(TerminalMessage.Mode.mayControlNow("pad-settings")))
            .startsWith("{\"type\":\"mode\",\"mode\":\"view\",\"reason\":\"pad-settings\",\"mayControl\":true,")
            .contains("mode=control");
    }

    @Test
    void pong() {
        assertThat(wire(new TerminalMessage.Pong())).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void commandsAreReadAsLenientlyAsBefore() {
        assertThat(command("{\"type\":\"input\",\"data\":\"ls\\r\"}"))
            .isEqualTo(new TerminalCommand.Input("ls\r", null));
        assertThat(command("{\"type\":\"input\",\"data\":5,\"bytes\":\"YQ==\"}"))
            .isEqualTo(new TerminalCommand.Input(null, "YQ=="));
        assertThat(command("{\"type\":\"resize\",\"cols\":120}")).isEqualTo(new TerminalCommand.Resize(120, 0));
        assertThat(command("{\"type\":\"signal\"}")).isEqualTo(new TerminalCommand.Signal(""));
        assertThat(command("{\"type\":\"sync\"}")).isEqualTo(new TerminalCommand.Sync());
        assertThat(command("{\"type\":\"ping\"}")).isEqualTo(new TerminalCommand.Ping());
        assertThat(command("{\"data\":\"x\"}")).isEqualTo(new TerminalCommand.Unknown(""));
        assertThat(command("{\"type\":\"nonsense\"}")).isEqualTo(new TerminalCommand.Unknown("nonsense"));
    }

    private static TerminalCommand command(String message) {
        return TerminalCommand.of(json.readTree(message));
    }

}

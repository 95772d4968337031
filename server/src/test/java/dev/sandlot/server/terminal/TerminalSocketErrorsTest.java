package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the terminal socket answers a failure while handling a message, without a sandbox.
 */
class TerminalSocketErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TerminalSession session = mock(TerminalSession.class);

    private final WebSocketSession socket = mock(WebSocketSession.class);

    private final List<JsonNode> sent = new ArrayList<>();

    private final TerminalSocketHandler handler = new TerminalSocketHandler(null, null, JSON);

    @BeforeEach
    void attach() throws Exception {
        var attributes = new HashMap<String, Object>();
        attributes.put("terminal", new TerminalSessions.Attached(session, false));
        attributes.put("viewer", false);
        when(socket.getAttributes()).thenReturn(attributes);
        when(socket.isOpen()).thenReturn(true);
        doAnswer(call -> {
            WebSocketMessage<?> m = call.getArgument(0);
            sent.add(JSON.readTree((String) m.getPayload()));
            return null;
        }).when(socket).sendMessage(any());
        when(session.alive()).thenReturn(true);
        handler.afterConnectionEstablished(socket);
    }

    @Test
    void droppedInputIs429() throws Exception {
        doThrow(new InputDroppedException()).when(session).input(any());
        handler.handleTextMessage(socket, new TextMessage("{\"type\":\"input\",\"data\":\"ls\\r\"}"));

        JsonNode error = sent.getLast();
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("status").asInt()).isEqualTo(429);
        assertThat(error.path("problem").asString()).isEqualTo("urn:sandlot:problem:input-dropped");
        assertThat(error.path("field").asString()).isEqualTo("data");
    }

    @Test
    void anyOtherFailureIs500NamingAnIncident() throws Exception {
        doThrow(new IllegalStateException("the sandbox pipe broke")).when(session).signal(2);
        handler.handleTextMessage(socket, new TextMessage("{\"type\":\"signal\",\"name\":\"INT\"}"));

        JsonNode error = sent.getLast();
        assertThat(error.path("status").asInt()).isEqualTo(500);
        assertThat(error.path("problem").asString()).isEqualTo("urn:sandlot:problem:internal-error");
        assertThat(error.path("detail").asString()).contains("incident").doesNotContain("pipe");
        assertThat(error.has("field")).isFalse();
    }

}

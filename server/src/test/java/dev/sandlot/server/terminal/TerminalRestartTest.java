package dev.sandlot.server.terminal;

import static dev.sandlot.server.ContextCalls.base;
import static dev.sandlot.server.ContextCalls.send;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.SandlotApplication;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * What a terminal wrote a moment before the server stopped is in the project when it is
 * back: stopping saves every terminal's workspace first.
 */
@Tag("sandbox")
class TerminalRestartTest {

    @Test
    void aFileWrittenInTheTerminalJustBeforeAStopIsSaved() throws Exception {
        String data = Files.createTempDirectory("sandlot-terminal-restart").toString();
        // A long sync interval: only the save at shutdown can have saved the file.
        String[] args = { "--server.port=0", "--sandlot.data-dir=" + data, "--sandlot.rate-limit.enabled=false",
                "--sandlot.engine.warm-pool.python=0", "--sandlot.terminal.sync-interval=1h" };
        long project;
        TerminalClient terminal;
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(SandlotApplication.class).run(args)) {
            String base = base(first);
            send(base, "POST", "/api/v1/auth/signup", null,
                    Map.of("username", "typist", "password", "types till the end"));
            String token = token(base, "typist", "types till the end");
            project = send(base, "POST", "/api/v1/projects", token, Map.of("name", "p", "language", "python", "files",
                    List.of(Map.of("path", "main.py", "content", "print(1)\n"))))
                .path("id")
                .asLong();
            terminal = TerminalClient.connect(
                    URI.create(base.replaceFirst("^http", "ws") + "/api/v1/projects/" + project + "/terminal"),
                    "Bearer " + token);
            terminal.await("$ ");
            terminal.type("echo 'written at the last moment' > last.txt; echo wr''itten\r");
            terminal.await("written\r\n");
        }
        JsonNode exit = terminal.awaitMessage("exit");
        assertThat(exit.path("reason").asString()).isEqualTo("shutdown");
        assertThat(terminal.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SandlotApplication.class).run(args)) {
            String base = base(second);
            String token = token(base, "typist", "types till the end");
            assertThat(send(base, "GET", "/api/v1/projects/" + project + "/files/last.txt", token, null).path("content")
                .asString()).isEqualTo("written at the last moment\n");
        }
    }

}

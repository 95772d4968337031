package dev.sandlot.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The history of runs; run on H2 and on PostgreSQL. */
abstract class HistoryApiTests extends ApiClient {

    @Autowired
    HistoryService history;

    @Autowired
    HistoryProperties properties;

    private String run(User user, String code, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("language", "python", "code", code));
        body.putAll(extra);
        return as(user, "POST", "/api/v1/execute", body).json().path("id").asString();
    }

    @Test
    void signedInRunsAreRecordedUnlessTheyOptOutAndAnonymousOnesAreNot() {
        User user = newUser();
        String recorded = run(user, "print('kept')", Map.of("stdin", "in"));
        run(user, "print('not kept')", Map.of("saveHistory", false));
        post("/api/v1/execute", Map.of("language", "python", "code", "print('anonymous')"));

        JsonNode items = as(user, "GET", "/api/v1/executions", null).json().path("items");
        assertThat(items).hasSize(1);
        JsonNode one = as(user, "GET", "/api/v1/executions/" + recorded, null).json();
        assertThat(one.path("code").asString()).isEqualTo("print('kept')");
        assertThat(one.path("stdout").asString()).isEqualTo("kept\n");
        assertThat(one.path("stdin").asString()).isEqualTo("in");
        assertThat(one.path("status").asString()).isEqualTo("ok");
        assertThat(one.path("language").asString()).isEqualTo("python");
        assertThat(one.path("createdAt").asString()).isNotBlank();
    }

    @Test
    void historyPagesNewestFirstWithCursorsAndFilters() {
        User user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            ids.add(run(user, i == 4 ? "raise SystemExit(1)" : "print(" + i + ")", Map.of()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = as(user, "GET", "/api/v1/executions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    null)
                .json();
            page.path("items").forEach(e -> seen.add(e.path("id").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        }
        while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(ids.reversed());
        assertThat(as(user, "GET", "/api/v1/executions?status=runtime_error", null).json().path("items")).hasSize(1);
        assertThat(as(user, "GET", "/api/v1/executions?language=javascript", null).json().path("items")).isEmpty();
        assertThat(as(user, "GET", "/api/v1/executions?cursor=garbage", null).json().path("field").asString())
            .isEqualTo("cursor");
    }

    @Test
    void statsCountAndAverageByLanguageAndStatus() {
        User user = newUser();
        run(user, "print(1)", Map.of());
        run(user, "print(2)", Map.of());
        run(user, "raise SystemExit(3)", Map.of());

        JsonNode stats = as(user, "GET", "/api/v1/executions/stats", null).json();
        assertThat(stats).hasSize(2);
        for (JsonNode s : stats) {
            assertThat(s.path("language").asString()).isEqualTo("python");
            assertThat(s.path("count").asLong()).isEqualTo(s.path("status").asString().equals("ok") ? 2 : 1);
            assertThat(s.path("averageWallTimeMs").isNumber()).isTrue();
        }
    }

    @Test
    void deletingARunRemovesIt() {
        User user = newUser();
        String id = run(user, "print(1)", Map.of());

        assertThat(as(user, "DELETE", "/api/v1/executions/" + id, null).status()).isEqualTo(204);
        assertThat(as(user, "GET", "/api/v1/executions/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theSeedHistoryEndpointsShowTheSameRuns() {
        User user = newUser();
        Response executed = as(user, "POST", "/api/v1/code/execute",
                Map.of("code", "print('seed')", "language", "python", "stdin", "", "save_history", true));
        as(user, "POST", "/api/v1/code/execute",
                Map.of("code", "print('skip')", "language", "python", "save_history", false));

        JsonNode list = as(user, "GET", "/api/v1/code/history?limit=10", null).json();
        assertThat(list).hasSize(1);
        String id = list.get(0).path("id").asString();
        JsonNode one = as(user, "GET", "/api/v1/code/history/" + id, null).json();
        assertThat(one.path("output").asString()).isEqualTo("seed\n");
        assertThat(one.path("status").asString()).isEqualTo("success");
        assertThat(one.path("execution_time").isNumber()).isTrue();
        assertThat(executed.json().path("output").asString()).isEqualTo("seed\n");
        assertThat(as(user, "DELETE", "/api/v1/code/history/" + id, null).status()).isEqualTo(200);
        assertThat(as(user, "GET", "/api/v1/code/history/" + id, null).status()).isEqualTo(404);
        assertThat(as(user, "DELETE", "/api/v1/code/history/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void retentionKeepsTheNewestRunsPerUser() {
        User user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            ids.add(run(user, "print(" + i + ")", Map.of()));
        history.prune(properties.maxAge(), 2);

        assertThat(as(user, "GET", "/api/v1/executions", null).json().path("items").findValuesAsString("id"))
            .containsExactly(ids.get(3), ids.get(2));
    }

}

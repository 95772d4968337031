package dev.sandlot.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test run or a submission counts as one request against the rate limit, however many
 * cases the task has.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.rate-limit.enabled=true", "sandlot.rate-limit.capacity=4",
                "sandlot.rate-limit.refill-per-minute=1" })
@Tag("sandbox")
class ReviewRateLimitTest extends ApiClient {

    @Autowired
    AccountService accounts;

    @Test
    void aTaskWithMoreCasesThanTheBurstRunsWhole() {
        User reviewer = newUser();
        accounts.setRole(reviewer.id(), Role.REVIEWER);
        User learner = newUser();
        List<Map<String, Object>> tests = new ArrayList<>();
        for (int i = 0; i < 8; i++)
            tests.add(Map.of("stdin", i + "\n", "expectedStdout", i + "\n", "hidden", i % 2 == 1));
        long task = newTask(reviewer, Map.of("title", "Echo", "language", "python", "statement", "Echo.",
                "starterFiles", List.of(Map.of("path", "main.py", "content", "print(input())\n")), "tests", tests));
        long attempt = attemptByLink(reviewer, task, learner).path("id").asLong();

        Response run = as(learner, "POST", "/api/v1/attempts/" + attempt + "/test-runs", null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().path("results").findValuesAsString("verdict")).hasSize(4).containsOnly("accepted");
        Response submitted = as(learner, "POST", "/api/v1/submissions",
                Map.of("attemptId", attempt, "message", "all eight"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().path("hiddenPassed").asInt()).isEqualTo(4);
    }

}

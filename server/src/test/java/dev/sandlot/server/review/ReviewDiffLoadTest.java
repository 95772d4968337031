package dev.sandlot.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import dev.sandlot.server.H2Server;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, item 12, attacked: a learner submits two crafted snapshots (60 files of 2,050
 * lines, every line different) and fires diffs of them from 16 threads for several
 * seconds; meanwhile another user's ordinary requests are timed and must each answer
 * within a second. The attacker is throttled (429 with Retry-After) rather than served at
 * everyone's expense.
 */
@H2Server
class ReviewDiffLoadTest extends ApiClient {

    @Autowired
    AccountService accounts;

    @Test
    void parallelCraftedDiffsDoNotSlowOtherClients() throws Exception {
        User reviewer = newUser();
        accounts.setRole(reviewer.id(), Role.REVIEWER);
        User attacker = newUser();
        User victim = newUser();
        long task = newTask(reviewer, Map.of("title", "Anything", "language", "python", "statement", "Any.",
                "starterFiles", List.of(Map.of("path", "main.py", "content", "print(1)\n"))));
        var attempt = attemptByLink(reviewer, task, attacker);
        long project = attempt.path("projectId").asLong();
        List<Long> submissions = new ArrayList<>();
        for (String side : List.of("old ", "new ")) {
            for (ReviewRecords.TaskFile f : LineDiffTest.crafted(side, 0)) {
                Response put = as(attacker, "PUT", "/api/v1/projects/" + project + "/files/" + f.path(),
                        Map.of("content", f.content()));
                assertThat(put.status()).as(put.body()).isIn(200, 201);
            }
            Response s = as(attacker, "POST", "/api/v1/submissions",
                    Map.of("attemptId", attempt.path("id").asLong(), "message", side));
            assertThat(s.status()).as(s.body()).isEqualTo(201);
            submissions.add(s.json().path("id").asLong());
        }
        long first = submissions.get(0);
        long second = submissions.get(1);
        List<String> attacks = List.of("/api/v1/submissions/" + second + "/diff?against=" + first,
                "/api/v1/submissions/" + first + "/diff?against=" + second,
                "/api/v1/submissions/" + second + "/diff?against=starter",
                "/api/v1/submissions/" + first + "/diff?against=starter",
                "/api/v1/submissions/" + second + "/diff?against=previous");
        long victimTask = newTask(reviewer,
                Map.of("title", "Victim's", "language", "python", "assignees", List.of(victim.username())));

        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> attackers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            attackers.add(pool.submit(() -> {
                for (int i = thread; !stop.get(); i++) {
                    Response r = as(attacker, "GET", attacks.get(i % attacks.size()), null);
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() == 429) {
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        assertThat(r.json().path("field").asString()).isEqualTo("submissionId");
                    }
                }
                return null;
            }));
        }
        List<Long> victimMs = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        Thread.sleep(300);
        while (System.nanoTime() < end) {
            for (String path : List.of("/api/v1/tasks", "/api/v1/tasks/" + victimTask)) {
                long started = System.nanoTime();
                assertThat(as(victim, "GET", path, null).status()).isEqualTo(200);
                victimMs.add((System.nanoTime() - started) / 1_000_000);
            }
            Thread.sleep(100);
        }
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> thread : attackers)
            thread.get(); // an assertion failed in a thread fails here

        assertThat(statuses).as("attacker's statuses").containsKey(200).containsKey(429);
        assertThat(victimMs).isNotEmpty();
        // Generous for a machine shared with other builds: a small request, usually a few
        // ms.
        assertThat(Collections.max(victimMs)).as("victim's slowest request, ms, of " + victimMs).isLessThan(1_000);
        // The crafted diff itself answers, simplified.
        Response diff = as(reviewer, "GET", attacks.getFirst(), null);
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json().path("modified").asInt()).isEqualTo(60);
    }

}

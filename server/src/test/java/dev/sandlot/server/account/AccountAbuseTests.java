package dev.sandlot.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ApiClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in lockout and sign-up floods, attacked from many client addresses (the server
 * trusts X-Forwarded-For here, as behind a proxy) with the per-client limits on; run on
 * H2 and on PostgreSQL.
 */
abstract class AccountAbuseTests extends ApiClient {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    AccountService accounts;

    @Autowired
    LoginLimiter loginLimiter;

    @Autowired
    SignupLimiter signupLimiter;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanSlate() {
        loginLimiter.forgetAll();
        signupLimiter.forgetAll();
    }

    static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    Response from(String address, String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("X-Forwarded-For", address)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response login(String address, String username, String password, String cookie) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri("/api/v1/auth/login"))
            .header("X-Forwarded-For", address)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))));
        if (cookie != null)
            r.header("Cookie", cookie);
        return send(r);
    }

    User account() {
        String name = "owner" + System.nanoTime() % 1_000_000_000;
        String password = "quiet harbor lantern";
        Response r = from(freshAddress(), "/api/v1/auth/signup", Map.of("username", name, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new User(name, password, null, r.json().path("id").asLong());
    }

    /**
     * Variants an attacker would try to dodge a per-name count: case, and the same name
     * in other letters.
     */
    static String variant(String name, int i) {
        return switch (i % 3) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
            default -> name;
        };
    }

    @Test
    void oneAddressGuessingCannotLockTheOwnerOutFromItsOwnAddress() {
        User owner = account();
        String attacker = freshAddress();
        for (int i = 0; i < 12; i++)
            login(attacker, variant(owner.username(), i), "guess " + i, null);

        Response attackerAgain = login(attacker, owner.username().toUpperCase(Locale.ROOT), owner.password(), null);
        assertThat(attackerAgain.status()).isEqualTo(429); // case variants are one
                                                           // account: the pair is spent
        assertThat(attackerAgain.headers().firstValue("Retry-After")).isPresent();
        assertThat(attackerAgain.json().path("field").asString()).isEqualTo("username");
        // The owner, elsewhere, signs in at once.
        assertThat(login(freshAddress(), owner.username(), owner.password(), null).status()).isEqualTo(200);
    }

    @Test
    void manyAddressesGuessingCloseTheAccountToAllButKnownDevicesAndAnAdminCanUnlockIt() {
        User owner = account();
        Response first = login(freshAddress(), owner.username(), owner.password(), null);
        assertThat(first.status()).isEqualTo(200);
        String device = first.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith(KnownDevices.COOKIE + "="))
            .findFirst()
            .orElseThrow()
            .split(";")[0];

        // A botnet: 10 guesses from each of 4 addresses, more than the account's budget
        // of 25.
        int refused = 0;
        for (int a = 0; a < 4; a++) {
            String bot = freshAddress();
            for (int i = 0; i < 10; i++) {
                if (login(bot, variant(owner.username(), i), "guess " + a + "/" + i, null).status() == 429)
                    refused++;
            }
        }
        assertThat(refused).as("guesses beyond the account's budget are refused unchecked").isGreaterThanOrEqualTo(15);

        // Brute force is bounded: a new address, even with the right password, is refused
        // now...
        Response stranger = login(freshAddress(), owner.username(), owner.password(), null);
        assertThat(stranger.status()).isEqualTo(429);
        assertThat(stranger.json().path("detail").asString()).contains("unlock");
        // ...a forged device cookie does not help...
        assertThat(login(freshAddress(), owner.username(), owner.password(), KnownDevices.COOKIE + "=9999999999.forged")
            .status()).isEqualTo(429);
        // ...but the owner's known device gets in through the slow lane, from any
        // address.
        assertThat(login(freshAddress(), owner.username(), owner.password(), device).status()).isEqualTo(200);

        // An admin unlocks the account for the owner's new device.
        User admin = account();
        accounts.setRole(admin.id(), Role.ADMIN);
        String adminToken = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
            .header("X-Forwarded-For", freshAddress())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString(form(Map.of("username", admin.username(), "password", admin.password())))))
            .json()
            .path("access_token")
            .asString();
        // The admin sees the account closed to new devices, and the lock gone after the
        // unlock.
        assertThat(lockOf(owner, adminToken).path("lockedForNewDevices").asBoolean()).isTrue();
        assertThat(lockOf(owner, adminToken).path("locked").asBoolean()).isTrue();
        Response unlock = send(HttpRequest.newBuilder(uri("/api/v1/admin/users/" + owner.id() + "/unlock"))
            .header("Authorization", "Bearer " + adminToken)
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unlock.status()).isEqualTo(204);
        assertThat(lockOf(owner, adminToken).path("locked").asBoolean()).isFalse();
        assertThat(login(freshAddress(), owner.username(), owner.password(), null).status()).isEqualTo(200);
    }

    /** The account as the admin list shows it. */
    private tools.jackson.databind.JsonNode lockOf(User owner, String adminToken) {
        Response page = send(HttpRequest.newBuilder(uri("/api/v1/admin/users?q=" + owner.username()))
            .header("Authorization", "Bearer " + adminToken)
            .GET());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("items").get(0);
    }

    @Test
    void oneAddressCannotCreate150AccountsAndTheRefusalsCostNoHashing() throws Exception {
        String address = freshAddress();
        long before = jdbc.sql("select count(*) from users").query(Long.class).single();
        List<Callable<Response>> flood = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String name = "flood" + System.nanoTime() % 1_000_000_000 + "n" + i;
            flood.add(() -> from(address, "/api/v1/auth/signup",
                    Map.of("username", name, "password", "quiet harbor lantern")));
        }
        long started = System.nanoTime();
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Response> f : pool.invokeAll(flood))
                answers.add(f.get());
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        long created = answers.stream().filter(r -> r.status() == 201).count();
        List<Response> refusals = answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(created).isEqualTo(10);
        assertThat(refusals).hasSize(140);
        assertThat(refusals.getFirst().json().path("type").asString()).isEqualTo("urn:sandlot:problem:signup-limited");
        assertThat(refusals.getFirst().json().path("field").asString()).isEqualTo("username");
        assertThat(refusals.getFirst().headers().firstValue("Retry-After")).isPresent();
        assertThat(jdbc.sql("select count(*) from users").query(Long.class).single() - before).isEqualTo(10);
        // 150 BCrypt hashes on 2 cores take several seconds; refusals before hashing do
        // not.
        assertThat(elapsedMs).isLessThan(5_000);
    }

    @Test
    void manyAddressesTogetherAreBoundedByTheGlobalSignupBudget() {
        int created = 0;
        for (int i = 0; i < 50; i++) {
            Response r = from(freshAddress(), "/api/v1/auth/signup", Map.of("username",
                    "horde" + System.nanoTime() % 1_000_000_000 + "n" + i, "password", "quiet harbor lantern"));
            if (r.status() == 201) {
                created++;
            }
            else {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.json().path("type").asString()).isEqualTo("urn:sandlot:problem:signup-limited");
            }
        }
        assertThat(created).isEqualTo(40);
    }

}

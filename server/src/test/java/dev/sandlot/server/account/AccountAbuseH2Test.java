package dev.sandlot.server.account;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.rate-limit.enabled=true", "sandlot.rate-limit.trust-forwarded-for=true",
                "sandlot.engine.warm-pool.python=0", "sandlot.accounts.login.per-account=25",
                "sandlot.accounts.signup.global=40" })
@Tag("sandbox")
class AccountAbuseH2Test extends AccountAbuseTests {

}

package dev.sandlot.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The real server on a random port with the embedded H2 database, in a fresh data
 * directory.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sandlot.data-dir=${java.io.tmpdir}/sandlot-server-test-${random.uuid}",
                "sandlot.rate-limit.enabled=false" })
@Tag("sandbox")
public @interface H2Server {

}

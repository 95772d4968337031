package dev.sandlot.server.execute;

import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents what an operation that runs code through {@link RunService} may be refused
 * with: the language or version, limits and sizes, the rate limits and fair share, a full
 * queue, a sandbox that cannot run code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Refuses({ ProblemType.UNKNOWN_LANGUAGE, ProblemType.UNKNOWN_VERSION, ProblemType.LIMIT_TOO_HIGH, ProblemType.TOO_LARGE,
        ProblemType.RATE_LIMITED, ProblemType.OVERLOADED, ProblemType.SANDBOX_UNAVAILABLE })
public @interface RunRefusals {

}

package dev.sandlot.server.account;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts and sign-in ({@code sandlot.auth.*}); the limits on sign-up and sign-in
 * attempts are {@link AccountProperties}.
 *
 * @param signupEnabled anyone may create an account (as a learner); false closes sign-up
 * @param anonymousExecute runs without an account (rate limited harder); saving always
 * needs one
 * @param tokenLifetime lifetime of a bearer token from POST /api/v1/auth/token
 * @param secureCookies session and known-device cookies only over HTTPS (browsers treat
 * http://localhost as secure); false for plain HTTP on other hosts
 */
@Validated
@ConfigurationProperties("sandlot.auth")
public record AuthProperties(@DefaultValue("true") boolean signupEnabled,
        @DefaultValue("true") boolean anonymousExecute, @DefaultValue("12h") @NotNull Duration tokenLifetime,
        @DefaultValue("true") boolean secureCookies) {
}

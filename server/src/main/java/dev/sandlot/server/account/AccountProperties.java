package dev.sandlot.server.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on sign-up and sign-in ({@code sandlot.accounts.*}, environment
 * {@code SANDLOT_ACCOUNTS_...}). The defaults are the safe ones. Whether sign-up is open
 * at all is {@link AuthProperties}.
 *
 * @param signup how many accounts may be created, per address and in all
 * @param login how many failed sign-ins are tolerated, and where
 */
@Validated
@ConfigurationProperties("sandlot.accounts")
public record AccountProperties(@DefaultValue @Valid Signup signup, @DefaultValue @Valid Login login) {

    /**
     * Sign-up is refused before any hashing once an address, or the server as a whole,
     * has used up its budget. Off only with {@code sandlot.rate-limit.enabled=false}.
     *
     * @param perAddress sign-ups one client address may attempt per window
     * @param global sign-ups all clients together may attempt per window
     * @param window the period both sign-up budgets refill over
     */
    public record Signup(@DefaultValue("10") @Positive int perAddress, @DefaultValue("200") @Positive int global,
            @DefaultValue("1h") @NotNull Duration window) {
    }

    /**
     * Failed sign-ins cost a token from the (account, address) pair, from the address,
     * and from the account as a whole. An empty pair or address bucket refuses only that
     * client; an empty account bucket leaves only the slow lane, open to devices that
     * have signed in to the account before, until it refills or an admin unlocks the
     * account.
     *
     * @param perPair failures one address may make on one account per window
     * @param perAddress failures one address may make on all accounts per window
     * @param window the period the pair and address buckets refill over
     * @param perAccount failures from all addresses together on one account per
     * account-window
     * @param accountWindow the period the account bucket refills over
     * @param knownDevice failures the slow lane (known devices) allows per account per
     * window
     * @param deviceLifetime how long a device stays known after a successful sign-in
     */
    public record Login(@DefaultValue("10") @Positive int perPair, @DefaultValue("30") @Positive int perAddress,
            @DefaultValue("15m") @NotNull Duration window, @DefaultValue("100") @Positive int perAccount,
            @DefaultValue("1h") @NotNull Duration accountWindow, @DefaultValue("10") @Positive int knownDevice,
            @DefaultValue("30d") @NotNull Duration deviceLifetime) {
    }
}

package dev.sandlot.server.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on sign-up and sign-in ({@code sandlot.accounts.*}, environment
 * {@code SANDLOT_ACCOUNTS_...}). The defaults are the safe ones.
 *
 * @param signup how many accounts may be created, per address and in all
 * @param login how many failed sign-ins are tolerated, and where
 */
@ConfigurationProperties("sandlot.accounts")
public record AccountProperties(
        @DefaultValue Signup signup, @DefaultValue Login login) {

    /**
     * Sign-up is refused before any hashing once an address, or the server as a
     * whole, has used up its budget. Off only with {@code sandlot.rate-limit.enabled=false}.
     *
     * @param perAddress sign-ups one client address may attempt per {@code window}
     * @param global sign-ups all clients together may attempt per {@code window}
     * @param window the period both budgets refill over
     */
    public record Signup(
            @DefaultValue("10") int perAddress,
            @DefaultValue("200") int global,
            @DefaultValue("1h") Duration window) {}

    /**
     * Failed sign-ins cost a token from the (account, address) pair, from the
     * address, and from the account as a whole. An empty pair or address bucket
     * refuses only that client; an empty account bucket leaves only the slow
     * lane, open to devices that have signed in to the account before, until it
     * refills or an admin unlocks the account.
     *
     * @param perPair failures one address may make on one account per {@code window}
     * @param perAddress failures one address may make on all accounts per {@code window}
     * @param window the period the pair and address buckets refill over
     * @param perAccount failures from all addresses together on one account per {@code accountWindow}
     * @param accountWindow the period the account bucket refills over
     * @param knownDevice failures the slow lane (known devices) allows per account per {@code window}
     * @param deviceLifetime how long a device stays known after a successful sign-in
     */
    public record Login(
            @DefaultValue("10") int perPair,
            @DefaultValue("30") int perAddress,
            @DefaultValue("15m") Duration window,
            @DefaultValue("100") int perAccount,
            @DefaultValue("1h") Duration accountWindow,
            @DefaultValue("10") int knownDevice,
            @DefaultValue("30d") Duration deviceLifetime) {}
}

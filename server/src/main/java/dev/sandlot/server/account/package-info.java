/**
 * Accounts, sign-in (sessions, bearer tokens, API keys), roles and the
 * {@link dev.sandlot.server.account.Caller} every other feature starts from. Other
 * modules read accounts through {@link dev.sandlot.server.account.AccountService}, never
 * the {@code users} table.
 */
@ApplicationModule(displayName = "Accounts", allowedDependencies = "web")
package dev.sandlot.server.account;

import org.springframework.modulith.ApplicationModule;

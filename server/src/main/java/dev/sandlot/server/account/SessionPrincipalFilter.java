package dev.sandlot.server.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session's privileges are read fresh on every request: the principal stored at
 * sign-in says only who signed in and with which session epoch. Here it is replaced, for
 * this request only, by one built from the account's current row, so a role change
 * reaches every open session at once. A session whose epoch is older than the account's
 * (a password change, "sign out everywhere") or whose account is gone is ended, and the
 * request goes on anonymous.
 */
class SessionPrincipalFilter extends OncePerRequestFilter {

    private final AccountService accounts;

    SessionPrincipalFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof AccountPrincipal stored
                && stored.bearer() == null && !stored.apiKey()) {
            Optional<AccountRepository.SessionState> now = accounts.sessionState(stored.userId());
            if (now.isEmpty() || now.get().epoch() != stored.sessionEpoch()) {
                HttpSession session = request.getSession(false);
                if (session != null)
                    session.invalidate();
                SecurityContextHolder.clearContext();
            }
            else {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new AccountPrincipal(now.get().account(), null, now.get().epoch(), null));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

}

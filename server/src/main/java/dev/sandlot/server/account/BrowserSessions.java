package dev.sandlot.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a browser in: the one way a session starts, for the sign-in form and for another
 * feature that made an account on the spot (a pad's guest). The session gets a new id (no
 * session fixation) and a new CSRF token, so a token learnt before sign-in (say, through
 * a planted session cookie) is worthless after it.
 */
@Component
public class BrowserSessions {

    private final AccountService accounts;

    private final SecurityContextRepository contexts;

    private final CsrfTokenRepository csrfTokens;

    BrowserSessions(AccountService accounts, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens) {
        this.accounts = accounts;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
    }

    /**
     * The CSRF header and token the signed-in browser sends with its writes from now on.
     */
    public record Started(String csrfHeader, String csrfToken) {
    }

    /**
     * Signs this browser in to {@code account}, replacing whoever it was signed in as.
     */
    public Started signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null)
            request.changeSessionId(); // no session fixation
        long epoch = accounts.sessionState(account.id()).orElseThrow(AccountService::badCredentials).epoch();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new AccountPrincipal(account, null, epoch, null));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response);
        CsrfToken fresh = csrfTokens.generateToken(request);
        csrfTokens.saveToken(fresh, request, response);
        return new Started(fresh.getHeaderName(), fresh.getToken());
    }

}

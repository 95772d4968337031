package dev.sandlot.server.account;

import dev.sandlot.server.web.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Turns the current request's authentication into a {@link Caller}. */
@Component
public class Callers {

    private final RateLimiter rateLimiter;

    Callers(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    public Caller of(HttpServletRequest request) {
        return of(SecurityContextHolder.getContext().getAuthentication(), rateLimiter.clientOf(request));
    }

    public Caller of(Authentication authentication, String address) {
        if (authentication instanceof AccountPrincipal p)
            return new Caller(p.userId(), p.username(), p.role(), address);
        return Caller.anonymous(address);
    }

    public String address(String remoteAddress, String forwardedFor) {
        return rateLimiter.clientOf(remoteAddress, forwardedFor);
    }

}

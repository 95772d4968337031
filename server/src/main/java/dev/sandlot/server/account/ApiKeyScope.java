package dev.sandlot.server.account;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.UrlPathHelper;

/**
 * What an API key may do. A request needs {@link #READ} to read, {@link #WRITE} for any
 * other method, {@link #RUN} to run code or open a terminal, and {@link #ADMIN} for
 * {@code /api/v1/admin/**}. Managing keys, the password and sessions is never done with a
 * key, so a key can neither mint keys nor outlive its own revocation.
 */
public enum ApiKeyScope {

    RUN, READ, WRITE, ADMIN;

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private static final Pattern RUNS = Pattern
        .compile("/api/v1/execute(/stream)?|/playground/execute|/api/execute|/api/v1/code/execute|/execute"
                + "|/api/v1/projects/[^/]+/(run|terminal)|/api/v1/attempts/[^/]+/test-runs|/api/v1/submissions"
                + "|/api/v1/executions/[^/]+/rerun");

    private static final Pattern ACCOUNT = Pattern
        .compile("/api/v1/auth/(api-keys(/.*)?|password|sign-out-everywhere|login|token|signup)");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String format(Set<ApiKeyScope> scopes) {
        return String.join(" ", scopes.stream().map(ApiKeyScope::wireName).sorted().toList());
    }

    static Set<ApiKeyScope> parse(String stored) {
        EnumSet<ApiKeyScope> out = EnumSet.noneOf(ApiKeyScope.class);
        if (stored == null)
            return out;
        for (String s : stored.strip().split("\\s+")) {
            for (ApiKeyScope scope : values())
                if (scope.wireName().equals(s))
                    out.add(scope);
        }
        return out;
    }

    /**
     * The scopes a key may be given by an account with {@code role}; the default for a
     * new key.
     */
    static Set<ApiKeyScope> allowedFor(Role role) {
        return role == Role.ADMIN ? EnumSet.allOf(ApiKeyScope.class) : EnumSet.of(RUN, READ, WRITE);
    }

    static List<String> wireNames(Set<ApiKeyScope> scopes) {
        return scopes.stream().map(ApiKeyScope::wireName).sorted().toList();
    }

    /** True when no API key may make this request, whatever its scopes. */
    static boolean accountManagement(HttpServletRequest request) {
        return ACCOUNT.matcher(path(request)).matches();
    }

    /** The scopes this request needs from an API key. */
    static Set<ApiKeyScope> required(HttpServletRequest request) {
        String path = path(request);
        EnumSet<ApiKeyScope> need = EnumSet.noneOf(ApiKeyScope.class);
        boolean safe = SAFE.contains(request.getMethod());
        need.add(safe ? READ : WRITE);
        if (path.equals("/api/v1/admin") || path.startsWith("/api/v1/admin/"))
            need.add(ADMIN);
        // A WebSocket handshake is a GET, yet it runs code.
        boolean socket = path.equals("/api/v1/execute/stream") || path.matches("/api/v1/projects/[^/]+/terminal");
        if (RUNS.matcher(path).matches() && (!safe || socket))
            need.add(RUN);
        return need;
    }

    private static String path(HttpServletRequest request) {
        // Decoded and without ;parameters, as the controllers and the security matchers
        // see it.
        String uri = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        while (uri.length() > 1 && uri.endsWith("/"))
            uri = uri.substring(0, uri.length() - 1);
        return uri;
    }

}

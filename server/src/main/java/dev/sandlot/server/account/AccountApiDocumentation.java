package dev.sandlot.server.account;

import dev.sandlot.server.web.ApiDocumentationPart;
import dev.sandlot.server.web.ProblemDocumentation;
import dev.sandlot.server.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What signing in means for each operation of the OpenAPI document, from the same path
 * rules {@link SecurityConfiguration} enforces: the 401 and 403 answers (an unknown
 * credential, a missing sign-in, an API key without the scope, a browser write without
 * its CSRF token, a non-admin on the admin API), and the two ways Swagger UI's
 * "Authorize" signs in. A browser signed in to Sandlot needs neither:
 * {@link SwaggerUiCsrf} sends its CSRF token with every write.
 */
@Configuration(proxyBeanMethods = false)
class AccountApiDocumentation {

    static final String BEARER = "bearer";

    static final String PASSWORD = "password";

    static final String TOKEN_URL = "/api/v1/auth/token";

    private static final Set<PathItem.HttpMethod> SAFE = EnumSet.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS, PathItem.HttpMethod.TRACE);

    private static final String TRYING_IT = """
            **Trying it out on this page.** In a browser signed in to Sandlot (the playground's sign-in, or \
            "Try it out" on POST /api/v1/auth/login here) every call goes with that session, and this page \
            sends the session's CSRF token with every write itself. Or use **Authorize**: `password` takes a \
            user name and password (it gets a bearer token from POST /api/v1/auth/token), `bearer` a token or \
            an API key. Otherwise calls are anonymous: ANONYMOUS_RUNS, most else answers 401.

            The examples work as they are, in this order, on a new server: sign up (POST \
            /api/v1/auth/signup) and sign in as the example account `ada`; ids in paths (a project's, a \
            task's, ...) are the ones of your own data.""";

    /** Last of the document's parts: after every one that adds operations. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ApiDocumentationPart signInDocumentation(AuthProperties auth) {
        return api -> {
            if (api.getComponents() == null)
                api.components(new Components());
            api.getComponents()
                .addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .description("A bearer token from POST " + TOKEN_URL + ", or an API key from POST "
                                    + "/api/v1/auth/api-keys (also accepted in an X-API-Key header)."))
                .addSecuritySchemes(PASSWORD, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                    .description("Your user name and password; leave client_id and client_secret empty.")
                    .flows(new OAuthFlows().password(new OAuthFlow().tokenUrl(TOKEN_URL).scopes(new Scopes()))));
            if (api.getInfo() != null) {
                String before = api.getInfo().getDescription();
                String trying = TRYING_IT.replace("ANONYMOUS_RUNS",
                        auth.anonymousExecute() ? "running code works" : "this server runs code for accounts only");
                api.getInfo().setDescription(before == null ? trying : trying + "\n\n" + before);
            }
            if (api.getPaths() == null)
                return;
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean admin = matches(SecurityConfiguration.ADMIN_PATHS, path);
                boolean run = (method == PathItem.HttpMethod.POST && matches(SecurityConfiguration.RUN_PATHS, path))
                        || path.equals(SecurityConfiguration.STREAM_PATH);
                boolean signedIn = admin || matches(SecurityConfiguration.SIGNED_IN_PATHS, path)
                        || (run && !auth.anonymousExecute());
                Set<ProblemType> types = EnumSet.of(ProblemType.INVALID_TOKEN, ProblemType.API_KEY_SCOPE);
                if (signedIn)
                    types.add(ProblemType.UNAUTHENTICATED);
                if (admin)
                    types.add(ProblemType.FORBIDDEN);
                if (!SAFE.contains(method))
                    types.add(ProblemType.CSRF);
                ProblemDocumentation.add(operation, types);
                SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
                SecurityRequirement password = new SecurityRequirement().addList(PASSWORD);
                operation.setSecurity(ProblemDocumentation.documents(operation, ProblemType.UNAUTHENTICATED)
                        ? List.of(bearer, password) : List.of(bearer, password, new SecurityRequirement()));
            }));
        };
    }

    /**
     * Whether an OpenAPI path (its {variables} as they are) falls under one of the
     * patterns.
     */
    private static boolean matches(String[] patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return Arrays.stream(patterns).anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(container));
    }

}

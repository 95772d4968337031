package dev.sandlot.server.account;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Swagger UI (/docs) as a signed-in browser uses it: its session cookie goes with every
 * call, and a write needs the session's CSRF token, which lives in the session and not in
 * a cookie Swagger UI could read. So Swagger UI's start script gets a request interceptor
 * that, before a write without a bearer credential, asks GET /api/v1/auth/csrf for the
 * token and sends it in X-XSRF-TOKEN, as the playground does. The script is a file of
 * this origin, as the Content-Security-Policy wants.
 */
@Component
class SwaggerUiCsrf extends SwaggerIndexPageTransformer {

    /**
     * Where Swagger UI's configuration lists its presets: the interceptor goes before.
     */
    static final String PRESETS = "presets: [";

    static final String INTERCEPTOR = """
            requestInterceptor: async (request) => {
                // Sandlot: a write from a browser session sends the session's CSRF token.
                const method = (request.method || 'GET').toUpperCase();
                const headers = request.headers || (request.headers = {});
                const bearer = Object.keys(headers).some((name) => name.toLowerCase() === 'x-api-key'
                    || (name.toLowerCase() === 'authorization' && /^bearer /i.test(String(headers[name]))));
                const sameOrigin = new URL(request.url, window.location.href).origin === window.location.origin;
                if (!['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method) && sameOrigin && !bearer) {
                  const answer = await fetch(CSRF_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
                  if (answer.ok) {
                    const csrf = await answer.json();
                    headers[csrf.headerName] = csrf.token;
                  }
                }
                return request;
              },
            """;

    SwaggerUiCsrf(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth, SwaggerWelcomeCommon welcome,
            ObjectMapperProvider mappers) {
        super(config, oauth, welcome, mappers);
    }

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        Resource transformed = super.transform(request, resource, chain);
        if (transformed == resource)
            return resource;
        String script = new String(transformed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new TransformedResource(resource,
                withCsrf(script, request.getContextPath()).getBytes(StandardCharsets.UTF_8));
    }

    static String withCsrf(String script, String contextPath) {
        String url = "'" + (contextPath + "/api/v1/auth/csrf").replace("\\", "\\\\").replace("'", "\\'") + "'";
        return script.replace(PRESETS, INTERCEPTOR.replace("CSRF_URL", url) + "  " + PRESETS);
    }

}

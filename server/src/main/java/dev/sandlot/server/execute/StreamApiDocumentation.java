package dev.sandlot.server.execute;

import dev.sandlot.server.web.ApiDocumentationPart;
import dev.sandlot.server.web.ProblemDocumentation;
import dev.sandlot.server.web.ProblemType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * OpenAPI has no WebSocket operations, so the stream is described on its upgrade request.
 */
@Configuration(proxyBeanMethods = false)
class StreamApiDocumentation {

    static final String PROTOCOL = """
            WebSocket (connect with ws://HOST/api/v1/execute/stream). One interactive run per connection.

            Client messages (JSON text frames):
            - {"type":"start", ...the same fields as POST /api/v1/execute} starts the run
            - {"type":"stdin","data":"a line\\n"} sends input while it runs (a program calling input() waits for it)
            - {"type":"eof"} closes the program's stdin
            - {"type":"kill"} stops the run
            - {"type":"ping"} is answered {"type":"pong"}

            Server messages:
            - {"type":"started","id":"..."}
            - {"type":"stdout","data":"..."} and {"type":"stderr","data":"..."} as the program writes (not buffered to the end)
            - {"type":"exit", ...the full result as POST /api/v1/execute returns it}, then the server closes the socket
            - {"type":"error","status":400,"title":"...","detail":"...","field":"..."} for a refused message

            Closing the socket kills the run.""";

    /** Before the parts that document every operation (the default order is last). */
    @Bean
    @Order(0)
    ApiDocumentationPart streamEndpoint() {
        return api -> {
            Operation upgrade = new Operation().addTagsItem("Execute")
                .summary("Interactive run over a WebSocket")
                .description(PROTOCOL)
                .operationId("executeStream")
                .responses(new ApiResponses().addApiResponse("101",
                        new ApiResponse().description("Switching to the WebSocket protocol")));
            ProblemDocumentation.add(upgrade, ProblemType.TOO_MANY_CONNECTIONS, ProblemType.CONNECTIONS_FULL);
            api.path("/api/v1/execute/stream", new PathItem().get(upgrade));
        };
    }

}

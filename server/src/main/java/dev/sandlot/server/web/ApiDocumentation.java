package dev.sandlot.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document's shared parts: the API description with every problem type, the
 * {@code ProblemDetail} schema, each operation's request examples ({@link BodyExample})
 * and its refusals, those it declares ({@link Refuses}) and those any input brings (a
 * 400; 413 and 415 for a body), and the modules' {@link ApiDocumentationPart}s. Only
 * Sandlot's own operations get refusals, not Spring Boot Actuator's.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String INTRODUCTION = """
            Run code in a sandbox, save projects, review learners' work.

            Every refusal is an RFC 9457 problem detail (`application/problem+json`) with a stable \
            `type`, `urn:sandlot:problem:<kind>`, and a `field` when one field, parameter or header is at \
            fault. Each operation lists the types it may answer with; any request may also get one of these:

            {anyRequest}

            A status the servlet container answers by itself is typed after its reason phrase (the kind \
            `uri-too-long` for a 414, say).

            Every problem type:

            | `type` | status | meaning |
            |---|---|---|
            {table}
            """;

    @Bean
    OperationCustomizer examplesAndRefusals() {
        return (operation, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("dev.sandlot."))
                return operation;
            addExamples(operation, handler);
            Set<ProblemType> types = inferred(operation);
            MergedAnnotations.from(handler.getMethod())
                .stream(Refuses.class)
                .forEach(r -> types.addAll(Arrays.asList(r.getEnumArray("value", ProblemType.class))));
            ProblemDocumentation.add(operation, types);
            return operation;
        };
    }

    /**
     * The description and the problem schema, then the modules' parts in their order.
     */
    @Bean
    OpenApiCustomizer problemCatalogueAndParts(ObjectProvider<ApiDocumentationPart> parts) {
        return api -> {
            String anyRequest = Arrays.stream(ProblemType.values())
                .filter(ProblemType::anyRequest)
                .map(t -> "- " + t.status() + " `" + t.uri() + "`: " + t.meaning())
                .collect(Collectors.joining("\n"));
            String table = Arrays.stream(ProblemType.values())
                .map(t -> "| `" + t.uri() + "` | " + t.status() + " | " + t.meaning() + " |")
                .collect(Collectors.joining("\n"));
            api.info(new Info().title("Sandlot API")
                .version("1")
                .description(INTRODUCTION.replace("{anyRequest}", anyRequest).replace("{table}", table).strip()));
            if (api.getComponents() == null)
                api.components(new Components());
            api.getComponents().addSchemas(ProblemDocumentation.SCHEMA, problemSchema());
            parts.orderedStream().forEach(part -> part.document(api));
        };
    }

    /** The refusals any input brings. */
    private static Set<ProblemType> inferred(Operation operation) {
        Set<ProblemType> types = EnumSet.noneOf(ProblemType.class);
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean body = operation.getRequestBody() != null;
        if (parameters || body)
            types.add(ProblemType.INVALID_REQUEST);
        if (parameters && operation.getParameters().stream().map(Parameter::getIn).anyMatch("query"::equals))
            types.add(ProblemType.INVALID_ENCODING);
        if (body) {
            types.add(ProblemType.BODY_TOO_LARGE);
            types.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
            var content = operation.getRequestBody().getContent();
            if (content != null && content.keySet().stream().anyMatch(ApiDocumentation::json)) {
                types.add(ProblemType.MALFORMED_JSON);
                types.add(ProblemType.INVALID_JSON);
            }
            if (content != null && content.keySet().stream().anyMatch(ApiDocumentation::form))
                types.add(ProblemType.INVALID_ENCODING);
        }
        return types;
    }

    /**
     * The method's {@link BodyExample}s as the body's examples; for a form, also as its
     * fields' examples, which Swagger UI fills its form with.
     */
    private static void addExamples(Operation operation, HandlerMethod handler) {
        BodyExample[] declared = handler.getMethod().getAnnotationsByType(BodyExample.class);
        if (declared.length == 0)
            return;
        String where = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null)
            throw new IllegalStateException(where + " has a @BodyExample but no request body");
        Map<String, Example> examples = new LinkedHashMap<>();
        for (BodyExample e : declared) {
            Object value;
            try {
                value = JSON.readValue(e.value(), Object.class);
            }
            catch (JacksonException bad) {
                throw new IllegalStateException(where + ": the @BodyExample \"" + e.summary() + "\" is not JSON", bad);
            }
            examples.put(e.summary().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                    new Example().summary(e.summary()).value(value));
        }
        boolean used = false;
        for (Map.Entry<String, MediaType> entry : operation.getRequestBody().getContent().entrySet()) {
            if (json(entry.getKey())) {
                entry.getValue().setExamples(examples);
                used = true;
            }
            else if (form(entry.getKey())) {
                entry.getValue().setExamples(examples);
                Schema<?> schema = entry.getValue().getSchema();
                if (schema != null && schema.getProperties() != null
                        && examples.values().iterator().next().getValue() instanceof Map<?, ?> fields) {
                    // A copy each: springdoc may share one schema between the fields.
                    fields.forEach((name, v) -> schema.getProperties()
                        .computeIfPresent(String.valueOf(name), (n, property) -> withExample(property, v)));
                }
                used = true;
            }
        }
        if (!used)
            throw new IllegalStateException(where + " has a @BodyExample but takes neither JSON nor a form");
    }

    private static Schema<Object> withExample(Schema<?> property, Object example) {
        Schema<Object> copy = new Schema<>();
        copy.setType(property.getType());
        copy.setTypes(property.getTypes());
        copy.setFormat(property.getFormat());
        copy.setDescription(property.getDescription());
        copy.setExample(example);
        return copy;
    }

    private static boolean json(String mediaType) {
        return mediaType.startsWith("application/json") || mediaType.contains("+json");
    }

    private static boolean form(String mediaType) {
        return mediaType.startsWith("application/x-www-form-urlencoded");
    }

    private static Schema<Object> problemSchema() {
        Schema<Object> schema = typed(new Schema<>(), "object");
        schema.setDescription("An RFC 9457 problem detail; `type` is one of the problem types listed in the API "
                + "description. Some types add the properties below.");
        schema.addProperty("type",
                typed(new Schema<>(), "string").format("uri")
                    .description("`urn:sandlot:problem:<kind>`")
                    .example(ProblemType.INVALID_REQUEST.uri().toString()));
        schema.addProperty("title", typed(new Schema<>(), "string").example(ProblemType.INVALID_REQUEST.title()));
        schema.addProperty("status", typed(new Schema<>(), "integer").format("int32").example(400));
        schema.addProperty("detail", typed(new Schema<>(), "string").description("What is wrong, in plain words")
            .example("language is required"));
        schema.addProperty("instance",
                typed(new Schema<>(), "string").format("uri-reference").description("The path of the request"));
        schema.addProperty("field",
                typed(new Schema<>(), "string").description("The field (a JSON path), parameter or header at fault")
                    .example("language"));
        schema.addProperty("maximum", typed(new Schema<>(), "integer").format("int64")
            .description("The cap a value exceeds (limit-too-high, too-large, body-too-large)"));
        schema.addProperty("available", typed(new Schema<>(), "array").items(typed(new Schema<>(), "string"))
            .description("The installed languages or versions (unknown-language, unknown-version)"));
        schema.addProperty("retryAfterSeconds", typed(new Schema<>(), "integer").format("int64")
            .description("When to try again (429 and 503 answers), as the Retry-After header says too"));
        schema.addProperty("currentRevision", typed(new Schema<>(), "integer").format("int64")
            .description("The file's revision now (revision-mismatch)"));
        schema.addProperty("missingScopes", typed(new Schema<>(), "array").items(typed(new Schema<>(), "string"))
            .description("The scopes the API key lacks (api-key-scope)"));
        schema.addProperty("problems", typed(new Schema<>(), "array").items(typed(new Schema<>(), "string"))
            .description("Why the sandbox cannot run code (sandbox-unavailable)"));
        schema.addProperty("incident", typed(new Schema<>(), "string")
            .description("The id the server's log has the details under (internal-error)"));
        schema.setRequired(List.of("type", "title", "status"));
        return schema;
    }

    /** A schema of one JSON type, as both OpenAPI 3.0 and 3.1 write it. */
    private static <T extends Schema<Object>> T typed(T schema, String type) {
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

}

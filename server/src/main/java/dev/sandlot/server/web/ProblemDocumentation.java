package dev.sandlot.server.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Documents problem types on an OpenAPI operation: one {@code application/problem+json}
 * answer per status, with the {@code ProblemDetail} schema, an example per type, and a
 * description that says what each type means. Adding is idempotent and may be done by
 * several modules' customizers in any order.
 */
public final class ProblemDocumentation {

    /** The media type of every refusal. */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The component schema of a problem detail. */
    public static final String SCHEMA = "ProblemDetail";

    private ProblemDocumentation() {
    }

    public static void add(Operation operation, ProblemType... types) {
        add(operation, Arrays.asList(types));
    }

    public static void add(Operation operation, Collection<ProblemType> types) {
        if (types.isEmpty())
            return;
        if (operation.getResponses() == null)
            operation.setResponses(new ApiResponses());
        Map<Integer, Set<ProblemType>> byStatus = new TreeMap<>();
        for (ProblemType t : types)
            byStatus.computeIfAbsent(t.status(), s -> EnumSet.noneOf(ProblemType.class)).add(t);
        byStatus.forEach((status, added) -> {
            String code = Integer.toString(status);
            ApiResponse response = operation.getResponses().get(code);
            if (response == null) {
                response = new ApiResponse();
                operation.getResponses().addApiResponse(code, response);
            }
            if (response.getContent() == null)
                response.setContent(new Content());
            MediaType problem = response.getContent().get(PROBLEM_JSON);
            if (problem == null) {
                problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
                response.getContent().addMediaType(PROBLEM_JSON, problem);
            }
            Set<ProblemType> all = documented(problem);
            all.addAll(added);
            Map<String, Example> examples = new LinkedHashMap<>();
            for (ProblemType t : all)
                examples.put(t.kind(), example(t));
            problem.setExamples(examples);
            response.setDescription(describe(status, all));
        });
    }

    /** Whether the operation documents {@code type} among its answers. */
    public static boolean documents(Operation operation, ProblemType type) {
        if (operation.getResponses() == null)
            return false;
        ApiResponse response = operation.getResponses().get(Integer.toString(type.status()));
        if (response == null || response.getContent() == null || response.getContent().get(PROBLEM_JSON) == null)
            return false;
        return documented(response.getContent().get(PROBLEM_JSON)).contains(type);
    }

    private static Set<ProblemType> documented(MediaType problem) {
        Set<ProblemType> out = EnumSet.noneOf(ProblemType.class);
        if (problem.getExamples() != null) {
            for (ProblemType t : ProblemType.values())
                if (problem.getExamples().containsKey(t.kind()))
                    out.add(t);
        }
        return out;
    }

    private static Example example(ProblemType t) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", t.uri().toString());
        value.put("title", t.title());
        value.put("status", t.status());
        return new Example().summary(t.kind()).value(value);
    }

    private static String describe(int status, Set<ProblemType> types) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Refused" : known.getReasonPhrase();
        return reason + ", as a problem detail whose `type` is one of:\n\n"
                + types.stream().map(t -> "- `" + t.uri() + "`: " + t.meaning()).collect(Collectors.joining("\n"));
    }

}

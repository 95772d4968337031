package dev.sandlot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.web.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The problem types the OpenAPI document lists ({@link ProblemType}) against the ones the
 * server's sources make: every kind written at a call that makes a problem (an HTTP
 * answer, a WebSocket error message) is catalogued, and every catalogued kind is made
 * somewhere.
 */
class ProblemTypeCatalogueTest {

    /**
     * A call that makes a problem, its status argument(s), and its kind: a literal, or
     * either literal of a {@code condition ? "a" : "b"}.
     */
    private static final Pattern CALL = Pattern.compile("\\b(?:Problems\\.of|Problem\\.of|invalidField|refusal|refused"
            + "|linkRefused|conflict|tooMany|sendError|closeWithError|error(?=\\(client)|field(?=\\(HttpStatus))\\(\\s*"
            + "(?:(?:HttpStatus\\.[A-Z_]+|\\d{3}|status|e\\.status\\(\\)(?:\\.value\\(\\))?|session|client)\\s*,\\s*){0,2}"
            + "(?:[\\w.()\" =]+?\\?\\s*)?\"([a-z]+(?:-[a-z]+)*)\"(?:\\s*:\\s*\"([a-z]+(?:-[a-z]+)*)\")?");

    /** {@code notFound("task", ...)}: the kind {@code task-not-found}. */
    private static final Pattern NOT_FOUND = Pattern.compile("\\bnotFound\\(\\s*\"([a-z]+)\"");

    private static final Pattern URN = Pattern.compile("urn:sandlot:problem:([a-z]+(?:-[a-z]+)*)");

    /** A problem made from the catalogue itself. */
    private static final Pattern TYPED = Pattern.compile(
            "(?:Problems\\.of|notFound|refuse)\\(\\s*ProblemType\\.([A-Z_]+)|case \\d{3} -> ProblemType\\.([A-Z_]+)");

    /**
     * Kinds made from a status's reason phrase (the error controller, Tomcat's valve),
     * not written anywhere.
     */
    private static final Set<String> FROM_REASON_PHRASES = Set.of("not-found", "method-not-allowed", "not-acceptable",
            "bad-request");

    @Test
    void everyKindTheSourcesMakeIsCataloguedAndEveryCataloguedKindIsMade() {
        Set<String> made = new TreeSet<>();
        Set<String> typed = new TreeSet<>();
        for (String source : sources()) {
            String text = source.replaceAll("\\s+", " ");
            collect(CALL.matcher(text), made);
            collect(URN.matcher(text), made);
            Matcher notFound = NOT_FOUND.matcher(text);
            while (notFound.find())
                made.add(notFound.group(1) + "-not-found");
            collect(TYPED.matcher(text), typed);
        }
        Set<String> catalogued = new TreeSet<>();
        Arrays.stream(ProblemType.values()).map(ProblemType::kind).forEach(catalogued::add);

        assertThat(made).as("kinds the sources make").hasSizeGreaterThan(40);
        assertThat(catalogued).as("the catalogue has every kind the sources make").containsAll(made);
        Set<String> unused = new TreeSet<>(catalogued);
        unused.removeAll(made);
        unused.removeAll(FROM_REASON_PHRASES);
        typed.forEach(name -> unused.remove(ProblemType.valueOf(name).kind()));
        assertThat(unused).as("catalogued kinds nothing makes").isEmpty();
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null)
                    into.add(m.group(g));
            }
        }
    }

    private static List<String> sources() {
        Path root = Path.of("src/main/java/dev/sandlot/server");
        assertThat(root).isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                .filter(f -> !f.getFileName().toString().equals("ProblemType.java"))
                .map(f -> {
                    try {
                        return Files.readString(f, StandardCharsets.UTF_8);
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package dev.sandlot.engine.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An opt-in rule for Python programs: refuse code that imports one of a set of modules or
 * uses one of a set of builtins. Checked on the tokens, so {@code import math, os} is
 * caught while {@code photos.append} or the text "import os" inside a string are not. It
 * is a courtesy for clients that expect it, never a security boundary: the sandbox is.
 */
public record ImportPolicy(Set<String> modules, Set<String> builtins) {

    /** The rule of the first seed playground (/playground/execute). */
    public static final ImportPolicy SEED_PLAYGROUND = new ImportPolicy(
            Set.of("os", "sys", "subprocess", "shutil", "pathlib", "socket", "urllib", "requests", "http"),
            Set.of("open", "eval", "exec", "compile", "__import__", "input"));

    public ImportPolicy {
        modules = Set.copyOf(modules);
        builtins = Set.copyOf(builtins);
    }

    /** The first forbidden module or builtin the source uses, in source order. */
    public Optional<String> firstViolation(String source) {
        List<PythonTokens.Token> tokens = PythonTokens.of(source);
        for (int i = 0; i < tokens.size(); i++) {
            PythonTokens.Token t = tokens.get(i);
            if (t.kind() != PythonTokens.Kind.NAME)
                continue;
            String name = t.text();
            PythonTokens.Token previous = i > 0 ? tokens.get(i - 1) : null;
            boolean attribute = previous != null && previous.kind() == PythonTokens.Kind.OP
                    && previous.text().equals(".");
            if (name.equals("import") && !attribute) {
                Optional<String> module = importedModules(tokens, i + 1);
                if (module.isPresent())
                    return module;
            }
            else if (name.equals("from") && !attribute) {
                Optional<String> module = fromModule(tokens, i + 1);
                if (module.isPresent())
                    return module;
            }
            else if (builtins.contains(name) && !attribute && !keywordArgument(tokens, i)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** {@code import a.b as c, d}: the first segment of every dotted name. */
    private Optional<String> importedModules(List<PythonTokens.Token> tokens, int i) {
        boolean expectModule = true;
        for (; i < tokens.size(); i++) {
            PythonTokens.Token t = tokens.get(i);
            if (t.kind() == PythonTokens.Kind.NEWLINE || (t.kind() == PythonTokens.Kind.OP && t.text().equals(";")))
                break;
            if (t.kind() == PythonTokens.Kind.OP && t.text().equals(",")) {
                expectModule = true;
            }
            else if (t.kind() == PythonTokens.Kind.NAME && expectModule) {
                if (modules.contains(t.text()))
                    return Optional.of(t.text());
                expectModule = false;
            }
        }
        return Optional.empty();
    }

    /**
     * {@code from a.b import c}: module {@code a}, unless relative
     * ({@code from . import c}).
     */
    private Optional<String> fromModule(List<PythonTokens.Token> tokens, int i) {
        if (i >= tokens.size())
            return Optional.empty();
        PythonTokens.Token t = tokens.get(i);
        if (t.kind() != PythonTokens.Kind.NAME)
            return Optional.empty();
        for (int j = i + 1; j < tokens.size(); j++) {
            PythonTokens.Token next = tokens.get(j);
            if (next.kind() == PythonTokens.Kind.NAME && next.text().equals("import")) {
                return modules.contains(t.text()) ? Optional.of(t.text()) : Optional.empty();
            }
            boolean dottedPart = next.kind() == PythonTokens.Kind.NAME
                    || (next.kind() == PythonTokens.Kind.OP && next.text().equals("."));
            if (!dottedPart)
                return Optional.empty(); // "yield from x" or "raise E from e"
        }
        return Optional.empty();
    }

    /** {@code f(input=3)} names a parameter, not the builtin. */
    private static boolean keywordArgument(List<PythonTokens.Token> tokens, int i) {
        if (i + 1 >= tokens.size())
            return false;
        PythonTokens.Token next = tokens.get(i + 1);
        return next.kind() == PythonTokens.Kind.OP && next.text().equals("=");
    }
}

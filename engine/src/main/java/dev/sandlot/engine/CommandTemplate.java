package dev.sandlot.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the placeholders of a language's commands for one stage: {entry}, {entryBase},
 * {entryClass}, {memoryBytes}, {memoryMb}, {heapMb} inside words, and the whole-word
 * lists {args} and {sources:.ext,.ext}. For a compiler, every word made of a file name
 * starts with "./", so that no name is ever read as an option ("-o", "-toolexec=",
 * "@argfile"), even though such names are refused before they get here.
 */
final class CommandTemplate {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Map<String, String> values = new LinkedHashMap<>();

    private final List<String> files;

    private final List<String> args;

    private final String entry;

    private String filePrefix = "";

    CommandTemplate(String entry, String entrySource, List<String> files, List<String> args, Limits limits) {
        this.files = files;
        this.args = args;
        this.entry = entry;
        String base = entry.contains("/") ? entry.substring(entry.lastIndexOf('/') + 1) : entry;
        base = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        Matcher pkg = PACKAGE.matcher(entrySource == null ? "" : entrySource);
        values.put("{entry}", entry);
        values.put("{entryBase}", base);
        values.put("{entryClass}", pkg.find() ? pkg.group(1) + "." + base : base);
        values.put("{memoryBytes}", Long.toString(limits.memoryBytes()));
        values.put("{memoryMb}", Long.toString(limits.memoryMb()));
        // Leave room for the runtime itself beside the heap.
        values.put("{heapMb}", Long.toString(Math.max(16, limits.memoryMb() * 3 / 4)));
    }

    /** The same template for a compile command: file names become "./name". */
    CommandTemplate forCompiler() {
        filePrefix = "./";
        values.put("{entry}", filePrefix + entry);
        return this;
    }

    List<String> expand(List<String> template) {
        List<String> out = new ArrayList<>();
        for (String word : template) {
            if (word.equals("{args}")) {
                out.addAll(args);
            }
            else if (word.startsWith("{sources:") && word.endsWith("}")) {
                List<String> extensions = Arrays.asList(word.substring(9, word.length() - 1).split(","));
                files.stream()
                    .filter(f -> extensions.stream().anyMatch(f::endsWith))
                    .map(f -> filePrefix + f)
                    .forEach(out::add);
            }
            else {
                out.add(expandWord(word));
            }
        }
        return out;
    }

    Map<String, String> expand(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, expandWord(v)));
        return out;
    }

    private String expandWord(String word) {
        String result = word;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }

}

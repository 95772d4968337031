package dev.sandlot.server.terminal;

import dev.sandlot.engine.PackageRequests;
import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.server.project.PackageChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code pip} or {@code npm} command typed in a terminal, read as the change it asks of
 * the project's packages, or refused with the message and exit code the shell shows. Only
 * package words pass; the specifiers themselves are then checked by the install (the same
 * checks as the API's). Options that mean nothing here (quiet, upgrade: every install
 * resolves afresh) are tolerated; any other option is refused, since the index, the
 * target and the build belong to the server.
 */
final class PackageCommand {

    /** What a command asks: a change to install, or a refusal to print. */
    sealed interface Parsed {

    }

    record Change(PackageChange change) implements Parsed {
    }

    record Refusal(String message, int exitCode) implements Parsed {
    }

    private static final Set<String> PIP_TOLERATED = Set.of("-q", "--quiet", "-U", "--upgrade", "--user",
            "--no-cache-dir", "--break-system-packages", "--disable-pip-version-check", "--no-input");

    private static final Set<String> PIP_UNINSTALL_TOLERATED = Set.of("-y", "--yes", "-q", "--quiet",
            "--break-system-packages");

    private static final Set<String> NPM_INSTALL = Set.of("install", "i", "in", "ins", "inst", "insta", "instal",
            "isnt", "isnta", "isntal", "isntall", "add");

    private static final Set<String> NPM_FROM_MANIFEST = Set.of("ci", "update", "up", "upgrade");

    private static final Set<String> NPM_UNINSTALL = Set.of("uninstall", "un", "unlink", "remove", "rm", "r");

    private static final Set<String> NPM_TOLERATED = Set.of("--save", "-S", "--no-audit", "--no-fund", "--silent", "-s",
            "--quiet", "-q", "--no-update-notifier");

    private PackageCommand() {
    }

    static Parsed parse(PackageRequests.Request request) {
        return switch (request.tool()) {
            case "pip" -> pip(request.args(), request.files());
            case "npm" -> npm(request.args());
            default -> new Refusal("sandlot: only pip and npm install packages here", 2);
        };
    }

    private static Parsed pip(List<String> args, Map<String, String> files) {
        String sub = subcommand(args);
        boolean install = "install".equals(sub);
        if (!install && !"uninstall".equals(sub))
            return new Refusal("sandlot: only pip install and pip uninstall go to the server", 2);
        List<String> packages = new ArrayList<>();
        boolean subSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!subSeen && word.equals(sub)) {
                subSeen = true;
                continue;
            }
            String file = null;
            if (install && (word.equals("-r") || word.equals("--requirement"))) {
                if (i + 1 >= args.size())
                    return new Refusal("ERROR: " + word + " option requires 1 argument", 2);
                file = args.get(++i);
            }
            else if (install && word.startsWith("--requirement="))
                file = word.substring("--requirement=".length());
            else if (install && word.startsWith("-r") && !word.startsWith("--"))
                file = word.substring(2);
            if (file != null) {
                String content = files.get(file);
                if (content == null)
                    return new Refusal("ERROR: Could not open requirements file: " + file, 1);
                Parsed refused = requirements(file, content, packages);
                if (refused != null)
                    return refused;
                continue;
            }
            if (word.startsWith("-")) {
                if ((install ? PIP_TOLERATED : PIP_UNINSTALL_TOLERATED).contains(word))
                    continue;
                return new Refusal("ERROR: pip " + sub + " here takes package names and versions only"
                        + (install ? " (and -r FILE)" : "") + "; the option '" + word
                        + "' is not supported: the project's packages are installed by the server, from its index", 2);
            }
            packages.add(word);
        }
        if (packages.isEmpty()) {
            return new Refusal(
                    install ? "ERROR: You must give at least one requirement to install (see \"pip help install\")"
                            : "ERROR: You must give at least one requirement to uninstall (see \"pip help uninstall\")",
                    1);
        }
        return new Change(new PackageChange(Ecosystem.PYTHON, install ? packages : List.of(),
                install ? List.of() : packages, false));
    }

    /** Adds a requirements file's entries; a refusal when it holds an option. */
    private static Parsed requirements(String file, String content, List<String> packages) {
        String[] lines = content.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            line = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (line.isEmpty())
                continue;
            if (line.startsWith("-")) {
                return new Refusal("ERROR: " + file + " line " + (n + 1) + ": '" + line
                        + "' is an option; only package names and versions are supported here", 2);
            }
            packages.add(line);
        }
        return null;
    }

    private static Parsed npm(List<String> args) {
        String sub = subcommand(args);
        boolean install = NPM_INSTALL.contains(sub);
        boolean fromManifest = NPM_FROM_MANIFEST.contains(sub);
        boolean uninstall = NPM_UNINSTALL.contains(sub);
        if (!install && !fromManifest && !uninstall)
            return new Refusal("sandlot: only npm install and npm uninstall go to the server", 2);
        List<String> packages = new ArrayList<>();
        boolean subSeen = false;
        for (String word : args) {
            if (!subSeen && word.equals(sub)) {
                subSeen = true;
                continue;
            }
            if (word.startsWith("-")) {
                if (NPM_TOLERATED.contains(word))
                    continue;
                if (word.equals("-g") || word.equals("--global"))
                    return new Refusal("npm error packages belong to the project here; there is no global install", 2);
                return new Refusal("npm error npm " + sub + " here takes package names and versions only; the option '"
                        + word + "' is not supported: the project's packages are installed by the server", 2);
            }
            packages.add(word);
        }
        if (fromManifest && !packages.isEmpty()) {
            return new Refusal(
                    "npm error npm " + sub + " here installs package.json as it is; name packages with npm install", 2);
        }
        if (uninstall) {
            if (packages.isEmpty())
                return new Refusal("npm error Must provide a package name to remove", 1);
            return new Change(new PackageChange(Ecosystem.NODE, List.of(),
                    packages.stream().map(PackageCommand::npmName).toList(), false));
        }
        if (packages.isEmpty())
            return new Change(new PackageChange(Ecosystem.NODE, List.of(), List.of(), true));
        return new Change(new PackageChange(Ecosystem.NODE, packages, List.of(), false));
    }

    /** {@code lodash@4} names lodash, as npm uninstall reads it. */
    private static String npmName(String word) {
        int at = word.indexOf('@', 1);
        return at < 0 ? word : word.substring(0, at);
    }

    private static String subcommand(List<String> args) {
        return args.stream().filter(w -> !w.startsWith("-")).findFirst().orElse(null);
    }

}

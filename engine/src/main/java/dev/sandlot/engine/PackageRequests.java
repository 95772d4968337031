package dev.sandlot.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers the package commands typed in a terminal ({@code pip install seaborn},
 * {@code npm uninstall lodash}): the terminal's wrappers send them through a Unix socket
 * of the terminal's own, since the terminal itself has no network. Everything in a
 * request was written by the user's programs: it is to be validated, never trusted.
 */
@FunctionalInterface
public interface PackageRequests {

    /** One command as typed: the tool and its words, and the files it names. */
    record Request(String tool, List<String> args, Map<String, String> files) {

        public Request {
            args = List.copyOf(args);
            files = Map.copyOf(files);
        }
    }

    /**
     * Carries the command out, passing its log to {@code log} line by line as it comes,
     * and returns the exit code the shell sees.
     */
    int handle(Request request, Consumer<String> log);

}

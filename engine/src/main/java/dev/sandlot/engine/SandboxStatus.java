package dev.sandlot.engine;

import java.util.List;

/**
 * What the engine found at start: whether runs can be confined, by what, and if not,
 * exactly what is missing.
 *
 * @param isolation the isolation tool and its version, e.g. "bubblewrap 0.8.0"
 * @param cgroups "v1", "v2" or "none"
 * @param seccomp whether the syscall filter is installed for every run
 * @param problems what prevents running, in words an operator can act on
 */
public record SandboxStatus(boolean available, String isolation, String cgroups, boolean seccomp,
        List<String> problems) {

    public SandboxStatus {
        problems = List.copyOf(problems);
    }
}

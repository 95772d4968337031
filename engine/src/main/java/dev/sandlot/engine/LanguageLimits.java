package dev.sandlot.engine;

/**
 * A language's own needs, read from the language data file: where a runtime needs more
 * than the global default (the JVM's memory and threads, say), its default rises to this
 * value and its maximum rises at least to it.
 */
public record LanguageLimits(Long wallTimeMs, Long cpuTimeMs, Long memoryMb, Integer maxProcesses,
        Integer maxOpenFiles) {

    public static final LanguageLimits NONE = new LanguageLimits(null, null, null, null, null);

    Limits raise(Limits base) {
        Limits raised = base;
        if (wallTimeMs != null)
            raised = raised.withWallTimeMs(Math.max(raised.wallTimeMs(), wallTimeMs));
        if (cpuTimeMs != null)
            raised = raised.withCpuTimeMs(Math.max(raised.cpuTimeMs(), cpuTimeMs));
        if (memoryMb != null)
            raised = raised.withMemoryBytes(Math.max(raised.memoryBytes(), memoryMb * Limits.MIB));
        if (maxProcesses != null)
            raised = raised.withMaxProcesses(Math.max(raised.maxProcesses(), maxProcesses));
        if (maxOpenFiles != null)
            raised = raised.withMaxOpenFiles(Math.max(raised.maxOpenFiles(), maxOpenFiles));
        return raised;
    }
}

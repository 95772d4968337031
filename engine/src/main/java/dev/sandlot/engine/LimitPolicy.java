package dev.sandlot.engine;

/**
 * Defaults and operator maximums for runs and compile stages, and the caps on what a
 * request may carry. A per-run value may lower a default or raise it up to the maximum,
 * never beyond.
 */
public record LimitPolicy(Limits runDefaults, Limits runMaximums, Limits compileLimits, long maxSourceBytes,
        int maxFiles, int maxArgs, long maxStdinBytes, OutputCaps outputCaps) {

    public LimitPolicy(Limits runDefaults, Limits runMaximums, Limits compileLimits, long maxSourceBytes, int maxFiles,
            int maxArgs, long maxStdinBytes) {
        this(runDefaults, runMaximums, compileLimits, maxSourceBytes, maxFiles, maxArgs, maxStdinBytes,
                OutputCaps.STANDARD);
    }

    public LimitPolicy {
        outputCaps = outputCaps == null ? OutputCaps.STANDARD : outputCaps;
    }

    private static final long MIN_MEMORY_MB = 8;

    public static LimitPolicy standard() {
        Limits defaults = new Limits(10_000, 10_000, 128 * Limits.MIB, 64, Limits.MIB, 16 * Limits.MIB, 256);
        Limits maximums = new Limits(60_000, 60_000, 1024 * Limits.MIB, 256, 64 * Limits.MIB, 16 * Limits.MIB, 1024);
        Limits compile = new Limits(30_000, 30_000, 1024 * Limits.MIB, 128, Limits.MIB, 256 * Limits.MIB, 1024);
        return new LimitPolicy(defaults, maximums, compile, 256 * 1024, 100, 256, 16 * Limits.MIB);
    }

    public LimitPolicy withRunDefaults(Limits value) {
        return new LimitPolicy(value, runMaximums, compileLimits, maxSourceBytes, maxFiles, maxArgs, maxStdinBytes,
                outputCaps);
    }

    public LimitPolicy withRunMaximums(Limits value) {
        return new LimitPolicy(runDefaults, value, compileLimits, maxSourceBytes, maxFiles, maxArgs, maxStdinBytes,
                outputCaps);
    }

    public LimitPolicy withCompileLimits(Limits value) {
        return new LimitPolicy(runDefaults, runMaximums, value, maxSourceBytes, maxFiles, maxArgs, maxStdinBytes,
                outputCaps);
    }

    public LimitPolicy withMaxSourceBytes(long value) {
        return new LimitPolicy(runDefaults, runMaximums, compileLimits, value, maxFiles, maxArgs, maxStdinBytes,
                outputCaps);
    }

    /** The same policy with other caps on the files a run returns. */
    public LimitPolicy withOutputCaps(OutputCaps value) {
        return new LimitPolicy(runDefaults, runMaximums, compileLimits, maxSourceBytes, maxFiles, maxArgs,
                maxStdinBytes, value);
    }

    /**
     * The defaults for a language: the global defaults raised to the language's needs.
     */
    public Limits defaultsFor(Language language) {
        return language.limits().raise(runDefaults);
    }

    /**
     * The maximums for a language: the operator's maximums, raised to the language's
     * needs.
     */
    public Limits maximumsFor(Language language) {
        return language.limits().raise(runMaximums);
    }

    public Limits compileLimitsFor(Language language) {
        return language.compileLimits().raise(compileLimits);
    }

    /**
     * Resolves the limits of a run, refusing any value above the maximum or below what
     * can work.
     */
    public Limits resolve(LimitRequest request, Language language) {
        Limits defaults = defaultsFor(language);
        Limits max = maximumsFor(language);
        if (request == null)
            return defaults;
        Limits limits = defaults;
        if (request.wallTimeMs() != null) {
            limits = limits.withWallTimeMs(check("limits.wallTimeMs", request.wallTimeMs(), 1, max.wallTimeMs(), "ms"));
        }
        if (request.cpuTimeMs() != null) {
            limits = limits.withCpuTimeMs(check("limits.cpuTimeMs", request.cpuTimeMs(), 1, max.cpuTimeMs(), "ms"));
        }
        if (request.memoryMb() != null) {
            long mb = check("limits.memoryMb", request.memoryMb(), MIN_MEMORY_MB, max.memoryMb(), "MiB");
            limits = limits.withMemoryBytes(mb * Limits.MIB);
        }
        if (request.maxProcesses() != null) {
            limits = limits.withMaxProcesses(
                    (int) check("limits.maxProcesses", request.maxProcesses(), 1, max.maxProcesses(), ""));
        }
        if (request.maxOutputBytes() != null) {
            limits = limits.withMaxOutputBytes(
                    check("limits.maxOutputBytes", request.maxOutputBytes(), 1, max.maxOutputBytes(), "bytes"));
        }
        return limits;
    }

    private static long check(String field, long value, long min, long max, String unit) {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (value > max) {
            throw new InvalidFieldException(field,
                    "must be at most " + max + suffix + " (the server's maximum); got " + value, max);
        }
        if (value < min) {
            throw new InvalidFieldException(field, "must be at least " + min + suffix + "; got " + value, null);
        }
        return value;
    }
}

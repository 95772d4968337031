package dev.sandlot.engine;

/**
 * Limits asked for by one run; a null field takes the language's default. No value may
 * exceed the operator's maximum (see {@link LimitPolicy}).
 */
public record LimitRequest(Long wallTimeMs, Long cpuTimeMs, Long memoryMb, Integer maxProcesses, Long maxOutputBytes) {

    public static final LimitRequest DEFAULTS = new LimitRequest(null, null, null, null, null);

    public LimitRequest withWallTimeMs(long value) {
        return new LimitRequest(value, cpuTimeMs, memoryMb, maxProcesses, maxOutputBytes);
    }

    public LimitRequest withCpuTimeMs(long value) {
        return new LimitRequest(wallTimeMs, value, memoryMb, maxProcesses, maxOutputBytes);
    }

    public LimitRequest withMemoryMb(long value) {
        return new LimitRequest(wallTimeMs, cpuTimeMs, value, maxProcesses, maxOutputBytes);
    }

    public LimitRequest withMaxProcesses(int value) {
        return new LimitRequest(wallTimeMs, cpuTimeMs, memoryMb, value, maxOutputBytes);
    }

    public LimitRequest withMaxOutputBytes(long value) {
        return new LimitRequest(wallTimeMs, cpuTimeMs, memoryMb, maxProcesses, value);
    }
}

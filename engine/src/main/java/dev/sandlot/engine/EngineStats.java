package dev.sandlot.engine;

import java.util.Map;

/**
 * Counters since the engine started, for metrics and tests.
 *
 * @param warmStarts run stages served by a pre-started sandbox
 * @param coldStarts run stages that started a sandbox on demand
 * @param compiles compile stages that ran
 * @param cachedBuilds compile stages skipped because the build was cached
 * @param activeRuns runs in progress now
 * @param warmReady pre-started sandboxes waiting, per language label
 */
public record EngineStats(long warmStarts, long coldStarts, long compiles, long cachedBuilds, long activeRuns,
        Map<String, Integer> warmReady) {
}

package dev.sandlot.server.project;

import java.util.List;

/**
 * How an install step ended.
 *
 * @param status "installed", "failed" or "timeout"
 * @param exitCode pip's or npm's exit code, or null when it never finished
 * @param message a plain-words summary, e.g. pip's own error line
 * @param installed every package of the project's environment afterwards, with versions
 */
public record PackageInstall(String status, Integer exitCode, String message, List<InstalledPackage> installed) {

    /** One package in an environment. */
    public record InstalledPackage(String ecosystem, String name, String version) {
    }
}

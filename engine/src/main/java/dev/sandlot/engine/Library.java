package dev.sandlot.engine;

/**
 * A library a language's programs can use without installing anything, as found at start
 * in the sandbox.
 *
 * @param name the distribution's name, e.g. "scikit-learn"
 * @param version its installed version, e.g. "1.2.1"
 * @param module the name a program imports, e.g. "sklearn"
 */
public record Library(String name, String version, String module) {
}

package dev.sandlot.engine;

/** The verdict of one stage or of a whole run. */
public enum Status {

    OK("ok"), RUNTIME_ERROR("runtime_error"), COMPILE_ERROR("compile_error"), TIMEOUT("timeout"),
    MEMORY_LIMIT("memory_limit"), OUTPUT_LIMIT("output_limit"), KILLED("killed"), INTERNAL_ERROR("internal_error");

    private final String wireName;

    Status(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON and logs, e.g. {@code memory_limit}. */
    public String wireName() {
        return wireName;
    }

    /** True for the statuses that mean a limit stopped the program. */
    public boolean isLimit() {
        return this == TIMEOUT || this == MEMORY_LIMIT || this == OUTPUT_LIMIT;
    }

    @Override
    public String toString() {
        return wireName;
    }

}

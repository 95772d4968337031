package dev.sandlot.engine.policy;

/** The program uses a module or builtin its import policy forbids; nothing was run. */
public class PolicyViolationException extends RuntimeException {

    private final String name;

    public PolicyViolationException(String name) {
        super("'" + name + "' is not allowed by the import policy");
        this.name = name;
    }

    /** The forbidden module or builtin, e.g. "os". */
    public String name() {
        return name;
    }

}

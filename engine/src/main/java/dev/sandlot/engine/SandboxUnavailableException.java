package dev.sandlot.engine;

/**
 * The sandbox cannot confine a run on this host, so the engine refuses to run anything.
 */
public class SandboxUnavailableException extends RuntimeException {

    private final SandboxStatus status;

    public SandboxUnavailableException(SandboxStatus status) {
        super("the sandbox is unavailable: " + String.join("; ", status.problems()));
        this.status = status;
    }

    public SandboxStatus status() {
        return status;
    }

}

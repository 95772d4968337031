package dev.sandlot.engine;

/** Linux signal names and what they usually mean for a program that died of one. */
public final class Signals {

    private static final String[] NAMES = { null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };

    public static final int SIGKILL = 9;

    public static final int SIGXCPU = 24;

    public static final int SIGXFSZ = 25;

    private Signals() {
    }

    public static String name(int signal) {
        if (signal > 0 && signal < NAMES.length)
            return NAMES[signal];
        return signal >= 34 && signal <= 64 ? "SIGRTMIN+" + (signal - 34) : "SIG" + signal;
    }

    static String meaning(int signal) {
        return switch (signal) {
            case 4 -> "illegal instruction";
            case 6 -> "aborted";
            case 7 -> "bus error";
            case 8 -> "arithmetic error, e.g. integer division by zero";
            case 9 -> "killed";
            case 11 -> "segmentation fault: invalid memory access";
            case 13 -> "wrote to a closed pipe";
            case 15 -> "terminated";
            case 24 -> "CPU time limit";
            case 25 -> "file size limit";
            case 31 -> "bad system call";
            default -> "signal " + signal;
        };
    }

}

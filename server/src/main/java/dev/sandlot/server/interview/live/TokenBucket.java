package dev.sandlot.server.interview.live;

/**
 * A rate with a burst: {@code burst} units at once, refilled at {@code perSecond}. Not
 * thread-safe; one connection's messages arrive one at a time.
 */
final class TokenBucket {

    private final double perNano;

    private final double burst;

    private double tokens;

    private long last;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes {@code n} units if there are that many; false (taking none) if not. */
    boolean take(double n, long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens < n)
            return false;
        tokens -= n;
        return true;
    }

}

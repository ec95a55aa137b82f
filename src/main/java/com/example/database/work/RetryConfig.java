package com.example.database.work;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How long, and how often, a unit of work is tried again. Defaults live in application.properties. */
@ConfigMapping(prefix = "database.retry")
public interface RetryConfig {

    /**
     * Longest a request waits for the database, connection acquisition and retries included,
     * before it answers 503: long enough for a Neon compute to restart, short enough that callers
     * do not pile up during an outage. Must exceed the pools' acquisition timeout.
     */
    Duration budget();

    /** The pause before the first retry; each next pause doubles, up to {@link #maxDelay()}. */
    Duration firstDelay();

    /** The longest pause between two attempts. */
    Duration maxDelay();

    /** Random spread of each pause, so that instances do not retry in step. */
    Duration jitter();

    /**
     * How long after the first attempt another one may start: the budget, less the longest wait
     * an attempt can add, for a connection ({@code acquisitionTimeout}) or for the pause before
     * it. Zero or less: no retries.
     */
    default Duration retryWindow(Duration acquisitionTimeout) {
        Duration pause = maxDelay().plus(jitter());
        return budget().minus(acquisitionTimeout.compareTo(pause) >= 0 ? acquisitionTimeout : pause);
    }
}

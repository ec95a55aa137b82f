package com.example.database.health;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Bounds of the database probes. Defaults live in application.properties. */
@ConfigMapping(prefix = "database.health")
public interface DatabaseHealthConfig {

    /**
     * Longest a readiness probe waits for the database; keep it below the probe's own timeout
     * (Kubernetes' default is 1 s, the README recommends 3 s).
     */
    Duration readyTimeout();

    /**
     * How long a database that accepted the connection but has not answered yet is taken for
     * a compute waking up rather than an outage: readiness stays UP that long, once.
     */
    Duration wakeUpGrace();

    /**
     * After this long without the application using the database, readiness stops asking it
     * (while it was healthy), so that probes alone do not keep a Neon compute awake. Zero: always ask.
     */
    Duration readyIdleAfter();

    /** Longest one call of the start-up probe, or the start-up connection check, may take. */
    Duration startedTimeout();

    /**
     * How long the pool may be wedged (every connection taken, none handed out, while the
     * database answers) before liveness goes DOWN and the orchestrator restarts the process.
     */
    Duration liveGrace();

    /**
     * Whether to try the application's database once at start, to end the process at once on a
     * configuration error (wrong password, unknown host). The {@code migrate} command turns it off.
     */
    boolean connectAtStart();

    /**
     * Whether the start-up connection check warns, once, when the application's role could
     * change the schema (create, alter or drop tables): production should connect as a role that
     * only reads and writes rows (README "Database roles"). Dev mode and tests run as a superuser.
     */
    boolean warnIfRoleCanChangeSchema();
}

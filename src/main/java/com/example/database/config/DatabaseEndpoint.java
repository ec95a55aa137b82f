package com.example.database.config;

import com.example.database.url.PostgresUrl;

import java.util.List;

/**
 * Where one role connects, in words safe for logs and health output: hosts, database, pooled
 * or direct, sslmode. Never the user or the password.
 *
 * @param role     {@code rw} (the application), {@code ro} (the read replica) or
 *                 {@code direct} (migrations)
 * @param hosts    {@code host:port} of each host
 * @param database the database name, if the URL names one
 * @param pooled   whether the host is Neon's connection pooler
 * @param sslmode  the sslmode the URL asks for ({@code prefer}, pgjdbc's default, if none)
 */
public record DatabaseEndpoint(String role, List<String> hosts, String database, boolean pooled, String sslmode) {

    public static DatabaseEndpoint of(String role, String jdbcUrl) {
        PostgresUrl url = PostgresUrl.parse(jdbcUrl);
        return new DatabaseEndpoint(role, url.hosts(), url.database().orElse(""),
                url.hosts().stream().anyMatch(DatabaseUrls::isNeonPooler), url.sslMode());
    }

    /** e.g. {@code rw ep-x-pooler.eu-central-1.aws.neon.tech:5432/neondb (pooled, sslmode=require)}. */
    @Override
    public String toString() {
        return role + " " + String.join(",", hosts) + "/" + database
                + " (" + (pooled ? "pooled" : "direct") + ", sslmode=" + sslmode + ")";
    }
}

package com.example.database.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL 17 server per JVM, started on first use, for dev mode and tests.
 *
 * <p>Quarkus reads configuration from several class loaders in one JVM (and again on every
 * live reload), so a static field would start one server per loader. The started URL is
 * therefore published as a system property, which every loader shares. zonky stops the server
 * from a shutdown hook when the JVM exits.
 *
 * <p>This is the only class that touches zonky, which is on the dev-mode and test class paths
 * only ({@code provided} scope); production code never loads it.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    /** JVM-wide system property holding the JDBC URL of the started server. */
    private static final String URL_PROPERTY = "embedded-postgres.jdbc-url";
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private EmbeddedPostgresServer() {
    }

    /** The JDBC URL of this JVM's embedded server (user included), starting it if needed. */
    public static String jdbcUrl() {
        // System.getProperties() is one object for the whole JVM, unlike any lock of ours.
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                url = start();
                System.setProperty(URL_PROPERTY, url);
            }
            return url;
        }
    }

    /** The user the URL connects as; the server trusts local connections, so no password. */
    public static String username() {
        return USER;
    }

    private static String start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    // The template is for development: durability does not matter, speed does.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            LOG.infof("Embedded PostgreSQL started on localhost:%d for dev mode and tests; its data is discarded at exit",
                    server.getPort());
            return server.getJdbcUrl(USER, DATABASE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }
}

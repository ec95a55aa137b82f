package com.example.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL 17 server that a test stops and starts again, on the same port and with the same
 * data, as a Neon compute is suspended, restarted or updated under a running service. Local
 * connections are trusted; bound to loopback.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path data;
    private final int port;
    /** Where the server writes its log, or null: it goes to the test's output. */
    private final Path log;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path data, int port, Path log) {
        this.data = data;
        this.port = port;
        this.log = log;
    }

    public static RestartablePostgres start() {
        return start(false);
    }

    /** A server that logs every statement it is sent to a file, which {@link #serverLog()} reads. */
    public static RestartablePostgres startLoggingStatements() {
        return start(true);
    }

    private static RestartablePostgres start(boolean logToFile) {
        try {
            Path data = Files.createTempDirectory("restartable-postgres");
            RestartablePostgres postgres = new RestartablePostgres(data, PackagedApp.freePort(),
                    logToFile ? Files.createTempDirectory("restartable-postgres-log").resolve("server.log") : null);
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server has logged so far, each line prefixed with the client's application name
     * in brackets ({@code [inventory-service]LOG:  …}). Only for a server started {@link #startLoggingStatements() with one}.
     */
    public String serverLog() {
        if (log == null) {
            throw new IllegalStateException("this server logs to the test's output: start it with startLoggingStatements()");
        }
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A libpq URI for the superuser's database, as DATABASE_URL. */
    public String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    /** A superuser connection, for doing to the service what Neon does, and seeing what it did. */
    public Connection superuser() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    /** Runs a query that answers one number. */
    public long count(String sql) {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as the superuser. */
    public void execute(String... statements) {
        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server: every connection to it is terminated, new ones are refused. */
    public void stopServer() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again, on the same port, with the same data. */
    public void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port);
            if (log != null) {
                builder.setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", log.getParent().toString())
                        .setServerConfig("log_filename", log.getFileName().toString())
                        .setServerConfig("log_line_prefix", "[%a]")
                        .setServerConfig("log_statement", "all");
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stopServer();
        }
    }
}

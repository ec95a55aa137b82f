package com.example.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL 17 server that an application reaches the way it reaches Neon: over TLS only,
 * as a role with a SCRAM-SHA-256 password (one full of URL-reserved characters), so that
 * {@code sslmode=require&channel_binding=require} is really exercised. The superuser connects
 * without a password over loopback, for setting up and inspecting only. Bound to loopback;
 * stops when closed or when the JVM exits.
 */
public final class NeonLikePostgres implements AutoCloseable {

    public static final String USER = "neon_app";
    /** Reserved in URLs: @ / : ? & = # % + and a space. */
    public static final String PASSWORD = "npg_p@ss/w:rd?&=#%+ !";

    private static final String HBA = """
            host    all  postgres  127.0.0.0/8  trust
            host    all  postgres  ::1/128      trust
            hostssl all  all       127.0.0.0/8  scram-sha-256
            hostssl all  all       ::1/128      scram-sha-256
            """;

    private final EmbeddedPostgres server;

    private NeonLikePostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static NeonLikePostgres start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", "server.crt")
                    .setServerConfig("ssl_key_file", "server.key")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(NeonLikePostgres::configure)
                    .start();
            NeonLikePostgres postgres = new NeonLikePostgres(server);
            postgres.execute("postgres", "create role " + USER + " login password '" + PASSWORD.replace("'", "''") + "'");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Creates an empty database owned by the application role. */
    public String createDatabase(String name) {
        execute("postgres", "create database " + name + " owner " + USER);
        return name;
    }

    /**
     * Creates a login role with a password and no privilege at all, as one creates the
     * application's own role on Neon (README "Database roles").
     */
    public void createRole(String name, String password) {
        execute("postgres", "create role " + name + " login password '" + password.replace("'", "''") + "'");
    }

    /** A URI the way Neon hands them out, for {@code database} as {@code user}. */
    public String neonUrl(String user, String password, String database) {
        return "postgresql://" + user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + port() + "/" + database + "?sslmode=require&channel_binding=require";
    }

    /** A JDBC connection to {@code database} as {@code user}, for checking what that role may do. */
    public Connection connect(String user, String password, String database) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database
                + "?sslmode=require", user, password);
    }

    /** The password as it appears inside a libpq URI. */
    public static String encodedPassword() {
        return URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A URI the way Neon hands them out, for {@code database} on this server. */
    public String neonUrl(String database) {
        return "postgresql://" + USER + ":" + encodedPassword() + "@127.0.0.1:" + port() + "/" + database
                + "?sslmode=require&channel_binding=require";
    }

    /** Runs statements as the superuser. */
    public void execute(String database, String... statements) {
        try (Connection connection = superuser(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A superuser connection, for inspecting what the service did. */
    public Connection superuser(String database) throws SQLException {
        return server.getDatabase("postgres", database).getConnection();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static void configure(java.io.File dataDirectory) {
        try {
            Path data = dataDirectory.toPath();
            copy("/tls/server.crt", data.resolve("server.crt"));
            copy("/tls/server.key", data.resolve("server.key"));
            // PostgreSQL refuses a key that others may read.
            Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            Files.writeString(data.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = NeonLikePostgres.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

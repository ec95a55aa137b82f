package com.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's PgBouncer in transaction mode in front of a {@link NeonLikePostgres}: the behaviour
 * of Neon's {@code -pooler} host (session state does not survive a transaction; an advisory
 * lock taken in one is lost). PgBouncer 1.18 has no protocol-level prepared statements, so
 * clients need {@code prepareThreshold=0}; Neon's newer PgBouncer does not.
 */
public final class PgBouncer implements AutoCloseable {

    /** Server connections per (user, database): small, so that clients queue for them as on a busy compute. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Process process;
    private final Path directory;
    private final int port;
    private final int poolSize;

    private PgBouncer(Process process, Path directory, int port, int poolSize) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.poolSize = poolSize;
    }

    /** The pgbouncer executable, if installed (Debian: {@code apt-get install pgbouncer}). */
    public static Optional<Path> executable() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "pgbouncer"));
        return Stream.concat(onPath, CANDIDATES.stream()).filter(Files::isExecutable).findFirst();
    }

    /** Pools {@code database} of {@code upstream} for {@link NeonLikePostgres#USER}, on a free loopback port. */
    public static PgBouncer start(Path executable, NeonLikePostgres upstream, String database) {
        return start(executable, upstream, database, DEFAULT_POOL_SIZE);
    }

    /** The same, with at most {@code poolSize} server connections to {@code database}. */
    public static PgBouncer start(Path executable, NeonLikePostgres upstream, String database, int poolSize) {
        int port = PackagedApp.freePort();
        try {
            Path directory = Files.createTempDirectory("pgbouncer");
            Path config = directory.resolve("pgbouncer.ini");
            Path users = directory.resolve("userlist.txt");
            Files.writeString(users, "\"" + NeonLikePostgres.USER + "\" \"" + NeonLikePostgres.PASSWORD + "\"\n");
            Files.writeString(config, """
                    [databases]
                    %s = host=127.0.0.1 port=%d dbname=%s
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = scram-sha-256
                    auth_file = %s
                    admin_users = %s
                    pool_mode = transaction
                    default_pool_size = %d
                    max_client_conn = 200
                    server_tls_sslmode = require
                    ignore_startup_parameters = extra_float_digits
                    """.formatted(database, upstream.port(), database, port, users, NeonLikePostgres.USER, poolSize));
            // PgBouncer will not run as root: as root, it drops to 'nobody', who must read these.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(config.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, directory, port, poolSize);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public int poolSize() {
        return poolSize;
    }

    /** Client logins PgBouncer accepted for {@code user} on {@code database}, from its log. */
    public long logins(String database, String user) {
        String login = "login attempt: db=" + database + " user=" + user;
        return log().lines().filter(line -> line.contains(login)).count();
    }

    /**
     * One row per pool of {@code SHOW POOLS} on PgBouncer's admin console, each column by name
     * ({@code database}, {@code sv_active}, {@code cl_waiting}…). Asked with psql: pgjdbc cannot
     * connect to the console (it sends a SET the console refuses).
     */
    public List<Map<String, String>> showPools() {
        try {
            ProcessBuilder builder = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", NeonLikePostgres.USER, "-d", "pgbouncer", "--no-psqlrc", "--no-align", "--field-separator=|",
                    "--pset=footer=off", "-c", "SHOW POOLS").redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", NeonLikePostgres.PASSWORD);
            builder.environment().put("PGCONNECT_TIMEOUT", "5"); // psql's output is read to its end: it must end
            Process psql = builder.start();
            psql.getOutputStream().close();
            String output = new String(psql.getInputStream().readAllBytes());
            if (!psql.waitFor(10, TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException("psql SHOW POOLS failed: " + output);
            }
            List<String> lines = output.lines().toList();
            List<String> columns = List.of(lines.get(0).split("\\|", -1));
            List<Map<String, String>> pools = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split("\\|", -1);
                Map<String, String> pool = new HashMap<>();
                for (int i = 0; i < columns.size() && i < values.length; i++) {
                    pool.put(columns.get(i), values[i]);
                }
                pools.add(pool);
            }
            return pools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitListening() {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                fail("pgbouncer exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        fail("pgbouncer is not listening:\n" + log());
    }
}

package com.example.database.config;

import com.example.database.url.InvalidDatabaseUrlException;
import com.example.database.url.PostgresUrl;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The databases the environment names, one per role, in the variables Neon and its integrations
 * set. This is the only place that reads those variables.
 *
 * @param primary the application's read/write database ({@code DATABASE_URL_RW}, else
 *                {@code DATABASE_URL}); on Neon, usually the pooled URL
 * @param replica a read replica ({@code DATABASE_URL_RO}), if any
 * @param direct  where migrations run: never through a transaction-mode pooler
 *                ({@code DATABASE_URL_UNPOOLED}, else {@code DIRECT_URL}, else the primary with
 *                Neon's {@code -pooler} host suffix removed, else the primary itself: then the
 *                same {@link Role} instance)
 */
public record DatabaseUrls(Role primary, Optional<Role> replica, Role direct) {

    static final String RW = "DATABASE_URL_RW";
    static final String PRIMARY = "DATABASE_URL";
    static final String RO = "DATABASE_URL_RO";
    static final String UNPOOLED = "DATABASE_URL_UNPOOLED";
    static final String DIRECT = "DIRECT_URL";
    /** Named in messages only; application.properties reads it into {@code database.allow-insecure}. */
    private static final String ALLOW_INSECURE = "DB_ALLOW_INSECURE";

    /** sslmode values that never fall back to an unencrypted connection. */
    private static final Set<String> ENCRYPTED = Set.of("require", "verify-ca", "verify-full");
    private static final String NEON_POOLER_SUFFIX = "-pooler";

    /**
     * One database URL and where it came from.
     *
     * @param url      the parsed URL
     * @param variable the variable it was read from, or how it was derived
     */
    public record Role(PostgresUrl url, String variable) {
    }

    /**
     * Reads the variables through {@code variables} (name → value).
     *
     * @param allowInsecure whether a URL that may connect without encryption is accepted
     *                      ({@code database.allow-insecure}, from {@code DB_ALLOW_INSECURE})
     * @return empty when no primary URL is set
     * @throws InvalidDatabaseUrlException naming the variable and what is wrong with it
     */
    public static Optional<DatabaseUrls> read(Function<String, Optional<String>> variables, boolean allowInsecure) {
        Optional<Role> primary = role(variables, RW).or(() -> role(variables, PRIMARY));
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        Role direct = role(variables, UNPOOLED)
                .or(() -> role(variables, DIRECT))
                .orElseGet(() -> directOf(primary.get()));
        DatabaseUrls urls = new DatabaseUrls(primary.get(), role(variables, RO), direct);
        if (!allowInsecure) {
            Stream.concat(Stream.of(urls.primary, urls.direct), urls.replica.stream())
                    .flatMap(role -> encryptionProblem(role.url(), role.variable()).stream())
                    .findFirst().ifPresent(problem -> {
                        throw new InvalidDatabaseUrlException(problem);
                    });
        }
        return Optional.of(urls);
    }

    /** Whether the host is Neon's pooler (PgBouncer in transaction mode). */
    public static boolean isNeonPooler(String hostAndPort) {
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
        String firstLabel = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        return firstLabel.toLowerCase(Locale.ROOT).endsWith(NEON_POOLER_SUFFIX);
    }

    private static Optional<Role> role(Function<String, Optional<String>> variables, String name) {
        return variables.apply(name).filter(value -> !value.isBlank()).map(value -> {
            try {
                return new Role(PostgresUrl.parse(value), name);
            } catch (InvalidDatabaseUrlException e) {
                throw new InvalidDatabaseUrlException(name + ": " + e.getMessage());
            }
        });
    }

    /** Neon's direct host is the pooled one without {@code -pooler} in its first label. */
    private static Role directOf(Role primary) {
        PostgresUrl direct = primary.url().withHostNames(host -> {
            int dot = host.indexOf('.');
            String first = dot < 0 ? host : host.substring(0, dot);
            return first.toLowerCase(Locale.ROOT).endsWith(NEON_POOLER_SUFFIX)
                    ? first.substring(0, first.length() - NEON_POOLER_SUFFIX.length()) + (dot < 0 ? "" : host.substring(dot))
                    : host;
        });
        return direct.hosts().equals(primary.url().hosts())
                ? primary
                : new Role(direct, primary.variable() + " without -pooler");
    }

    /**
     * The encryption floor: a URL whose sslmode could leave the connection unencrypted (pgjdbc's
     * default is {@code prefer}) is refused when it leaves this machine. Loopback stays allowed,
     * for a local proxy.
     *
     * @param source the variable or property the URL came from, for the message
     * @return what is wrong, in one line; empty when the URL encrypts or stays on this machine
     */
    public static Optional<String> encryptionProblem(PostgresUrl url, String source) {
        String mode = url.sslMode();
        if (url.onlyLoopbackHosts() || ENCRYPTED.contains(mode)) {
            return Optional.empty();
        }
        return Optional.of(source + ": sslmode=" + mode + " may connect without encryption; use sslmode=require"
                + " or verify-full, or set " + ALLOW_INSECURE + "=true on a trusted network");
    }
}

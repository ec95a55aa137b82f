package com.example.database.url;

import org.postgresql.PGProperty;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection URL as pgjdbc wants it: a {@code jdbc:postgresql://} URL without
 * credentials, plus the user and password to pass as properties.
 *
 * <p>Accepts the libpq URIs that Neon and most platforms hand out
 * ({@code postgresql://user:password@host/db?sslmode=require}) and translates their parameters
 * to pgjdbc's names; a {@code jdbc:postgresql:} URL passes through unchanged. pgjdbc's own
 * property names (such as {@code prepareThreshold}) are accepted in a libpq URI as they are.
 * Anything else is rejected with an error that names the offending part, never the password.
 */
public final class PostgresUrl {

    private static final int DEFAULT_PORT = 5432;
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final List<String> LIBPQ_SCHEMES = List.of("postgresql://", "postgres://");

    /** libpq parameter → pgjdbc property, where the names differ. */
    private static final Map<String, String> RENAMED = Map.of(
            "channel_binding", "channelBinding",
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType",
            "sslnegotiation", "sslNegotiation");

    private static final String PERCENT_ENCODE_HINT =
            "percent-encode '@', ':', '/', '?', '#', '&' and '%' in the user and password";

    /** libpq's {@code sslrootcert=system}: pgjdbc trusts the JVM's CA certificates with this factory. */
    private static final String SYSTEM_CA_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

    /** libpq parameters pgjdbc knows by the same name. */
    private static final Set<String> SAME_NAME = Set.of("sslmode", "options", "sslrootcert", "sslcert", "sslkey", "sslpassword");

    private static final Pattern IPV4_LITERAL =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> CHANNEL_BINDINGS = Set.of("disable", "prefer", "require");
    private static final Map<String, String> TARGET_SERVER_TYPES = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");

    /** Set for a JDBC URL given as such: it is used exactly as written. */
    private final String verbatim;
    private final List<String> hosts;
    private final String database;
    private final Map<String, String> properties;
    private final String username;
    private final String password;

    private PostgresUrl(String verbatim, List<String> hosts, String database, Map<String, String> properties,
                        String username, String password) {
        this.verbatim = verbatim;
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.username = username;
        this.password = password;
    }

    /**
     * Parses a libpq URI or a JDBC URL.
     *
     * @throws InvalidDatabaseUrlException naming what is wrong, without the URL's secrets
     */
    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDatabaseUrlException("the URL is empty");
        }
        String trimmed = url.strip();
        if (trimmed.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
            return parseJdbc(trimmed);
        }
        return LIBPQ_SCHEMES.stream()
                .filter(scheme -> trimmed.regionMatches(true, 0, scheme, 0, scheme.length()))
                .findFirst()
                .map(scheme -> parseLibpq(trimmed.substring(scheme.length())))
                .orElseThrow(() -> new InvalidDatabaseUrlException(
                        "the URL must start with postgresql://, postgres:// or jdbc:postgresql:"));
    }

    /** The pgjdbc URL. It holds no credentials unless a JDBC URL was given with them inside. */
    public String jdbcUrl() {
        if (verbatim != null) {
            return verbatim;
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(String.join(",", hosts)).append('/');
        if (database != null) {
            jdbc.append(encode(database));
        }
        String separator = "?";
        for (Map.Entry<String, String> property : properties.entrySet()) {
            jdbc.append(separator).append(property.getKey()).append('=').append(encode(property.getValue()));
            separator = "&";
        }
        return jdbc.toString();
    }

    /** The user, when the URL names one outside the JDBC URL itself. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password, when the URL holds one outside the JDBC URL itself. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The hosts as {@code host:port}, IPv6 literals in brackets. */
    public List<String> hosts() {
        return hosts;
    }

    /** The database name, when the URL names one (pgjdbc defaults it to the user name). */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** A pgjdbc property set by the URL, e.g. {@code sslmode}. */
    public Optional<String> property(String pgjdbcName) {
        return Optional.ofNullable(properties.get(pgjdbcName));
    }

    /**
     * The sslmode pgjdbc connects with: the URL's {@code sslmode}; else, as pgjdbc reads it,
     * {@code verify-full} when the URL sets {@code ssl} ({@code ssl=true} or a bare {@code ssl});
     * else pgjdbc's default, {@code prefer}.
     */
    public String sslMode() {
        String ssl = properties.get("ssl");
        return property("sslmode")
                .orElse(ssl != null && (ssl.isEmpty() || ssl.equalsIgnoreCase("true")) ? "verify-full" : "prefer");
    }

    /**
     * Whether every host is this machine: {@code localhost}, or an IP literal in 127.0.0.0/8 or
     * {@code ::1}. A name is never resolved: {@code 127.example.com} is a remote host.
     */
    public boolean onlyLoopbackHosts() {
        return hosts.stream().map(hostAndPort -> hostAndPort.substring(0, hostAndPort.lastIndexOf(':')))
                .allMatch(PostgresUrl::isLoopback);
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        if (!ipv6 && !IPV4_LITERAL.matcher(host).matches()) {
            return false; // a name: resolving it here would be a DNS query, and the answer may change
        }
        try {
            // An IP literal: parsed, never looked up.
            return InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The same URL with every host name replaced; the port stays. */
    public PostgresUrl withHostNames(UnaryOperator<String> rename) {
        List<String> renamed = hosts.stream().map(hostAndPort -> {
            int colon = hostAndPort.lastIndexOf(':');
            return rename.apply(hostAndPort.substring(0, colon)) + hostAndPort.substring(colon);
        }).toList();
        if (verbatim == null || renamed.equals(hosts)) {
            return new PostgresUrl(renamed.equals(hosts) ? verbatim : null, renamed, database, properties, username, password);
        }
        // A JDBC URL may carry parameters this class does not model: keep them, swap the hosts.
        String prefix = "jdbc:postgresql://";
        int end = indexOfAny(verbatim.substring(prefix.length()), "/?");
        String rest = end < 0 ? "" : verbatim.substring(prefix.length() + end);
        return new PostgresUrl(prefix + String.join(",", renamed) + rest, renamed, database, properties, username, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresUrl[hosts=" + hosts + ", database=" + database + (username == null ? "" : ", user=" + username) + "]";
    }

    // postgresql://[user[:password]@][host[:port][,...]][/dbname][?param=value&...]
    private static PostgresUrl parseLibpq(String rest) {
        String user = null;
        String password = null;

        // As libpq does: credentials end at the first '@' that comes before any '/'.
        int at = indexOfAny(rest, "@/");
        if (at >= 0 && rest.charAt(at) == '@') {
            String credentials = rest.substring(0, at);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon), "user");
            password = colon < 0 ? null : decode(credentials.substring(colon + 1), "password");
            rest = rest.substring(at + 1);
        }

        int hostsEnd = indexOfAny(rest, "/?");
        String hostSpec = hostsEnd < 0 ? rest : rest.substring(0, hostsEnd);
        rest = hostsEnd < 0 ? "" : rest.substring(hostsEnd);
        if (hostSpec.contains("@")) {
            throw new InvalidDatabaseUrlException("the URL has an '@' after its credentials: "
                    + PERCENT_ENCODE_HINT);
        }

        String database = null;
        if (rest.startsWith("/")) {
            int query = rest.indexOf('?');
            database = decode(query < 0 ? rest.substring(1) : rest.substring(1, query), "database name");
            rest = query < 0 ? "" : rest.substring(query);
        }

        Map<String, String> properties = new LinkedHashMap<>();
        List<String> queryHosts = new ArrayList<>();
        String queryPorts = null;
        for (Map.Entry<String, String> parameter : parameters(rest, false).entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "dbname" -> database = value;
                case "host" -> queryHosts.addAll(List.of(value.split(",")));
                case "port" -> queryPorts = value;
                default -> translate(name, value, properties);
            }
        }
        useSystemCertificates(properties);
        return new PostgresUrl(null, hosts(hostSpec, queryHosts, queryPorts), emptyToNull(database), properties,
                emptyToNull(user), emptyToNull(password));
    }

    // jdbc:postgresql://host[:port][,...]/[database][?property=value&...], or jdbc:postgresql:database
    private static PostgresUrl parseJdbc(String url) {
        String rest = url.substring(JDBC_PREFIX.length());
        String hostSpec = "";
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int hostsEnd = indexOfAny(rest, "/?");
            hostSpec = hostsEnd < 0 ? rest : rest.substring(0, hostsEnd);
            rest = hostsEnd < 0 ? "" : rest.substring(hostsEnd);
            rest = rest.startsWith("/") ? rest.substring(1) : rest;
        }
        int query = rest.indexOf('?');
        String database = decode(query < 0 ? rest : rest.substring(0, query), "database name");
        Map<String, String> properties = parameters(query < 0 ? "" : rest.substring(query), true);
        properties.remove("user");
        properties.remove("password");
        List<String> hosts = hostSpec.isEmpty() ? List.of("localhost:" + DEFAULT_PORT) : hosts(hostSpec, List.of(), null);
        return new PostgresUrl(url, hosts, emptyToNull(database), properties, null, null);
    }

    /**
     * {@code ?a=1&b=2} → decoded name → decoded value, in order. A name without a value is an
     * empty value where pgjdbc reads it so (JDBC URLs: a bare {@code ssl} turns TLS on), else an error.
     */
    private static Map<String, String> parameters(String query, boolean bareNames) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!query.startsWith("?")) {
            return parameters;
        }
        for (String pair : query.substring(1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq == 0) {
                throw new InvalidDatabaseUrlException("a URL parameter has no name");
            }
            if (eq < 0 && bareNames) {
                parameters.put(decode(pair, "parameter name"), "");
                continue;
            }
            if (eq < 0) {
                // Name it only if it is a known parameter: else it may be a piece of a password.
                String name = decode(pair, "parameter name");
                throw new InvalidDatabaseUrlException(isKnown(name)
                        ? "URL parameter '" + name + "' has no value"
                        : "a URL parameter has no value (percent-encode '&' and '=' inside values, e.g. in a password)");
            }
            String name = decode(pair.substring(0, eq), "parameter name");
            parameters.put(name, decode(pair.substring(eq + 1), "parameter " + name));
        }
        return parameters;
    }

    private static void translate(String name, String value, Map<String, String> properties) {
        switch (name) {
            case "sslmode" -> require(name, value, SSL_MODES);
            case "channel_binding" -> require(name, value, CHANNEL_BINDINGS);
            case "connect_timeout" -> requireSeconds(name, value);
            case "target_session_attrs" -> {
                require(name, value, TARGET_SERVER_TYPES.keySet());
                value = TARGET_SERVER_TYPES.get(value);
            }
            default -> {
                if (!isKnown(name)) {
                    throw new InvalidDatabaseUrlException("URL parameter '" + name + "' is not supported");
                }
            }
        }
        properties.put(RENAMED.getOrDefault(name, name), value);
    }

    private static boolean isKnown(String name) {
        return SAME_NAME.contains(name) || RENAMED.containsKey(name) || PGProperty.forName(name) != null
                || List.of("user", "password", "dbname", "host", "port").contains(name);
    }

    /**
     * libpq's {@code sslrootcert=system} trusts the system's CA certificates and implies, as in
     * libpq, {@code sslmode=verify-full}; a weaker sslmode with it is an error.
     */
    private static void useSystemCertificates(Map<String, String> properties) {
        if (!"system".equals(properties.get("sslrootcert"))) {
            return;
        }
        String mode = properties.getOrDefault("sslmode", "verify-full");
        if (!mode.equals("verify-full")) {
            throw new InvalidDatabaseUrlException("URL parameter 'sslrootcert=system' needs sslmode=verify-full");
        }
        properties.remove("sslrootcert");
        properties.put("sslmode", mode);
        properties.put("sslfactory", SYSTEM_CA_FACTORY);
    }

    private static List<String> hosts(String hostSpec, List<String> queryHosts, String queryPorts) {
        List<String> specs = new ArrayList<>();
        if (!hostSpec.isEmpty()) {
            specs.addAll(List.of(hostSpec.split(",", -1)));
        }
        specs.addAll(queryHosts);
        if (specs.isEmpty()) {
            throw new InvalidDatabaseUrlException("the URL names no host");
        }
        String[] ports = queryPorts == null ? new String[0] : queryPorts.split(",");
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String fallbackPort = ports.length == 0 ? null : ports[Math.min(i, ports.length - 1)];
            hosts.add(hostAndPort(specs.get(i), fallbackPort));
        }
        return hosts;
    }

    private static String hostAndPort(String spec, String fallbackPort) {
        String host;
        String port;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new InvalidDatabaseUrlException("an IPv6 host in the URL lacks its closing ']'");
            }
            host = spec.substring(0, close + 1);
            String after = spec.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InvalidDatabaseUrlException("unexpected text after an IPv6 host in the URL");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = spec.lastIndexOf(':');
            host = decode(colon < 0 ? spec : spec.substring(0, colon), "host");
            port = colon < 0 ? null : spec.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new InvalidDatabaseUrlException("the URL has an empty host");
        }
        if (port == null || port.isEmpty()) {
            port = fallbackPort == null ? Integer.toString(DEFAULT_PORT) : fallbackPort;
        }
        return host + ":" + port(port);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        // The "port" may be a piece of a password whose '/' or '@' was not encoded: never show it.
        throw new InvalidDatabaseUrlException("the URL's port is not a number from 1 to 65535 ("
                + PERCENT_ENCODE_HINT + ")");
    }

    private static void require(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidDatabaseUrlException("URL parameter '" + name + "' must be one of "
                    + allowed.stream().sorted().toList());
        }
    }

    private static void requireSeconds(String name, String value) {
        try {
            if (Integer.parseInt(value) >= 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidDatabaseUrlException("URL parameter '" + name + "' must be a whole number of seconds");
    }

    /** Percent-decodes one part; '+' stays '+' as in libpq (URLDecoder would make it a space). */
    private static String decode(String text, String part) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The part may be the password: name it, never show it.
            throw new InvalidDatabaseUrlException("the URL's " + part + " has an invalid percent-encoding");
        }
    }

    /** pgjdbc URL-decodes the database name and parameter values, so encode them for it. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}

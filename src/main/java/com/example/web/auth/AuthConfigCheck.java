package com.example.web.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * At start: bearer tokens are either fully configured or not at all. Half a configuration (a
 * key without the issuer, an issuer without a key) ends the process with one line, since it
 * would otherwise leave writes open while the operator believes them protected. With tokens off,
 * production warns once that anyone who reaches the port can write.
 */
@ApplicationScoped
class AuthConfigCheck {

    private static final Logger LOG = Logger.getLogger(AuthConfigCheck.class);

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, AuthConfig auth) {
        problem(auth).ifPresent(problem -> {
            throw new ConfigurationException(problem, Set.of());
        });
    }

    /** After every configuration check, so that a configuration error stays the only line. */
    void report(@Observes StartupEvent event, AuthConfig auth,
                @ConfigProperty(name = "auth.warn-if-writes-open") boolean warnIfWritesOpen) {
        if (auth.enabled()) {
            LOG.infof("Writes need a bearer token from %s, with role %s in claim %s%s", auth.issuer().orElseThrow(),
                    auth.writeRole(), auth.rolesClaim(), auth.audience().map(audience -> ", for audience " + audience).orElse(""));
        } else if (warnIfWritesOpen) {
            LOG.warn("Bearer tokens are off: anyone who reaches the port can create, change, delete and reserve."
                    + " Set AUTH_JWKS_URL (or AUTH_PUBLIC_KEY) and AUTH_ISSUER (README \"Security\")");
        }
    }

    /** What is wrong with the token configuration, in one line; empty if nothing is. */
    static Optional<String> problem(AuthConfig auth) {
        boolean key = auth.jwksUrl().isPresent() || auth.publicKey().isPresent();
        if (auth.jwksUrl().isPresent() && auth.publicKey().isPresent()) {
            return Optional.of("AUTH_JWKS_URL and AUTH_PUBLIC_KEY are both set: give one source of keys");
        }
        if (key && auth.issuer().isEmpty()) {
            return Optional.of("AUTH_ISSUER is not set: with a key to check tokens (AUTH_JWKS_URL or AUTH_PUBLIC_KEY),"
                    + " give the issuer (iss) they must carry");
        }
        if (!key && (auth.issuer().isPresent() || auth.audience().isPresent())) {
            return Optional.of("AUTH_ISSUER or AUTH_AUDIENCE is set without AUTH_JWKS_URL or AUTH_PUBLIC_KEY:"
                    + " give the key tokens are checked with, or unset them to leave writes open");
        }
        Optional<String> url = auth.jwksUrl();
        if (url.isPresent() && !isHttpUrl(url.get())) {
            return Optional.of("AUTH_JWKS_URL is not an http(s) URL");
        }
        if (auth.publicKey().isPresent() && PemPublicKey.algorithm(auth.publicKey().get()).isEmpty()) {
            return Optional.of("AUTH_PUBLIC_KEY is not an RSA or Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
        return Optional.empty();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

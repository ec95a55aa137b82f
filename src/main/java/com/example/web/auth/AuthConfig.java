package com.example.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Bearer tokens on writes (README "Security"), as smallrye-jwt is configured to check them:
 * application.properties hands each {@code AUTH_*} variable to its property, and {@code NONE}
 * is smallrye-jwt's own word for "not set".
 */
@ApplicationScoped
public class AuthConfig {

    /** For {@code @RolesAllowed} on writes: the write role, resolved from configuration at start. */
    public static final String WRITE_ROLE = "${auth.write-role}";

    /** smallrye-jwt's own word for a key property that is not set. */
    static final String NONE = "NONE";

    private final Optional<String> jwksUrl;
    private final Optional<String> publicKey;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final String rolesClaim;
    private final String writeRole;

    AuthConfig(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String jwksUrl,
               @ConfigProperty(name = "mp.jwt.verify.publickey") String publicKey,
               @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
               @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<String> audience,
               @ConfigProperty(name = "smallrye.jwt.path.groups") String rolesClaim,
               @ConfigProperty(name = "auth.write-role") String writeRole) {
        this.jwksUrl = set(jwksUrl);
        this.publicKey = set(publicKey);
        this.issuer = set(issuer);
        this.audience = audience;
        this.rolesClaim = rolesClaim;
        this.writeRole = writeRole;
    }

    /** {@code AUTH_JWKS_URL}: where the issuer publishes its keys (Neon Auth publishes one). */
    public Optional<String> jwksUrl() {
        return jwksUrl;
    }

    /** {@code AUTH_PUBLIC_KEY}: one RSA or Ed25519 public key, PEM, instead of a JWKS URL. */
    public Optional<String> publicKey() {
        return publicKey;
    }

    /** {@code AUTH_ISSUER}: the {@code iss} every token must carry. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** {@code AUTH_AUDIENCE}: an {@code aud} every token must carry, if set. */
    public Optional<String> audience() {
        return audience;
    }

    /** {@code AUTH_ROLES_CLAIM}: the claim that lists the caller's roles. */
    public String rolesClaim() {
        return rolesClaim;
    }

    /** {@code AUTH_WRITE_ROLE}: the role a token must carry to write. */
    public String writeRole() {
        return writeRole;
    }

    /** Whether writes need a token: a key to check signatures with, and the issuer to expect. */
    public boolean enabled() {
        return (jwksUrl.isPresent() || publicKey.isPresent()) && issuer.isPresent();
    }

    private static Optional<String> set(String value) {
        return value.isBlank() || NONE.equals(value) ? Optional.empty() : Optional.of(value);
    }
}

package com.example.web.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who sent the request, as the services know callers: the subject of its token, or {@code ""},
 * the one anonymous caller, when tokens are off. Idempotency keys belong to a caller.
 */
@ApplicationScoped
public class Callers {

    /** The caller when callers are not told apart (tokens off). */
    public static final String ANONYMOUS = "";

    private final CurrentIdentityAssociation identities;
    private final AuthConfig auth;

    Callers(CurrentIdentityAssociation identities, AuthConfig auth) {
        this.identities = identities;
        this.auth = auth;
    }

    /** The caller of a write, which {@code @RolesAllowed} has already let through. */
    public String writer() {
        return subject(identities.getIdentity());
    }

    /**
     * The caller of a read, where tokens are optional: empty when tokens are on and the request
     * has none, or one that fails the checks (a read stays public; it just shows no caller's data).
     */
    public Optional<String> reader() {
        if (!auth.enabled()) {
            return Optional.of(ANONYMOUS);
        }
        try {
            SecurityIdentity identity = identities.getIdentity();
            return identity.isAnonymous() ? Optional.empty() : Optional.of(subject(identity));
        } catch (AuthenticationFailedException e) {
            return Optional.empty();
        }
    }

    private static String subject(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return ANONYMOUS;
        }
        // smallrye-jwt requires the claim (smallrye.jwt.required.claims); a blank one names no one.
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                && !token.getSubject().isBlank()) {
            return token.getSubject();
        }
        throw new AuthenticationFailedException("the token names no subject");
    }
}

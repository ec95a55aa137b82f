package com.example.web.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes are declared {@code @RolesAllowed} the write role, always. With tokens off (no
 * {@code AUTH_*} set), the anonymous caller is given that role here, so that the same
 * annotations leave writes open; with tokens on, it gets nothing and a write answers 401.
 */
@ApplicationScoped
class OpenWritesWhenTokensAreOff implements SecurityIdentityAugmentor {

    private final AuthConfig auth;

    OpenWritesWhenTokensAreOff(AuthConfig auth) {
        this.auth = auth;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (auth.enabled() || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(auth.writeRole()).build());
    }
}

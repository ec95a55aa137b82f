package com.example.web.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/** The signature algorithm an {@code AUTH_PUBLIC_KEY} verifies, as smallrye-jwt names it. */
final class PemPublicKey {

    /** Tried in this order; RSA first, as {@code mp.jwt.verify.publickey.algorithm} lists them. */
    private static final List<SignatureAlgorithm> ALGORITHMS = List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.EDDSA);

    private PemPublicKey() {
    }

    /**
     * {@code RS256} for an RSA key, {@code EDDSA} for an Ed25519 one; empty if {@code pem} is
     * neither. Decoded by smallrye-jwt's own reader, so that a key accepted here is one it reads.
     */
    static Optional<String> algorithm(String pem) {
        return ALGORITHMS.stream().filter(algorithm -> reads(pem, algorithm)).map(SignatureAlgorithm::name).findFirst();
    }

    private static boolean reads(String pem, SignatureAlgorithm algorithm) {
        try {
            KeyUtils.decodePublicKey(pem, algorithm);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}

package com.example.web.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** The signature algorithm an {@code AUTH_PUBLIC_KEY} verifies, as smallrye-jwt names it. */
final class PemPublicKey {

    private PemPublicKey() {
    }

    /** {@code RS256} for an RSA key, {@code EDDSA} for an Ed25519 one; empty if {@code pem} is neither. */
    static Optional<String> algorithm(String pem) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replace("\\n", "\n") // a PEM squeezed onto one line of an .env file
                    .strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (der.length == 0) {
            return Optional.empty();
        }
        if (isKey("RSA", der)) {
            return Optional.of("RS256");
        }
        return isKey("Ed25519", der) ? Optional.of("EDDSA") : Optional.empty();
    }

    private static boolean isKey(String algorithm, byte[] der) {
        try {
            KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

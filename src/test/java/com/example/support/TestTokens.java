package com.example.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An identity provider for tests: an RSA and an Ed25519 key pair made when the tests start, a
 * JWKS with both public keys served over loopback (as Neon Auth publishes its own), and tokens
 * signed with either. {@link Resource} points the service at it.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.test.example";
    public static final String AUDIENCE = "inventory-api";
    public static final String WRITE_ROLE = "inventory-writer";

    private static final KeyPair RSA = generate("RSA");
    private static final KeyPair ED25519 = generate("Ed25519");
    /** Neither in the JWKS: tokens it signs must be refused. */
    private static final KeyPair STRANGER = generate("RSA");

    private static HttpServer jwksServer;

    private TestTokens() {
    }

    /** The claims of a token the service accepts: right issuer and audience, write role, valid for 5 minutes. */
    public static JwtClaimsBuilder valid(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).audience(AUDIENCE).groups(Set.of(WRITE_ROLE))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    /** Signed RS256 with the JWKS's RSA key. */
    public static String rs256(JwtClaimsBuilder claims) {
        return claims.jws().keyId("rsa").algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    /** Signed EdDSA with the JWKS's Ed25519 key. */
    public static String edDsa(JwtClaimsBuilder claims) {
        return claims.jws().keyId("ed25519").algorithm(SignatureAlgorithm.EDDSA).sign(ED25519.getPrivate());
    }

    /** Signed RS256 under the JWKS's RSA key id, with a key the JWKS does not hold. */
    public static String forged(JwtClaimsBuilder claims) {
        return claims.jws().keyId("rsa").algorithm(SignatureAlgorithm.RS256).sign(STRANGER.getPrivate());
    }

    /** The same token with one character of its payload changed, signature kept. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        int middle = payload.length / 2;
        payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    /** Serves the JWKS (once per JVM) and returns its URL. */
    public static synchronized String jwksUrl() {
        if (jwksServer == null) {
            try {
                jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] jwks = jwks().getBytes(StandardCharsets.UTF_8);
            jwksServer.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            jwksServer.setExecutor(null);
            jwksServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> jwksServer.stop(0)));
        }
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static String jwks() {
        try {
            RsaJsonWebKey rsa = new RsaJsonWebKey((RSAPublicKey) RSA.getPublic());
            rsa.setKeyId("rsa");
            rsa.setAlgorithm("RS256");
            OctetKeyPairJsonWebKey ed25519 = new OctetKeyPairJsonWebKey(ED25519.getPublic());
            ed25519.setKeyId("ed25519");
            ed25519.setAlgorithm("EdDSA");
            return new JsonWebKeySet(rsa, ed25519).toJson();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns bearer tokens on: the service checks them against this JWKS, issuer and audience. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of(
                    "mp.jwt.verify.publickey.location", jwksUrl(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "mp.jwt.verify.audiences", AUDIENCE);
        }

        @Override
        public void stop() {
        }
    }
}

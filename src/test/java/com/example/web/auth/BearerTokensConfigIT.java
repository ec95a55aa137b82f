package com.example.web.auth;

import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import com.example.support.TestTokens;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.example.support.TestTokens.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AUTH_* variables as an operator sets them, on the packaged service: none (writes open,
 * and one warning), a PEM key of either kind instead of a JWKS URL, and half a configuration,
 * which ends the process at start with one line.
 */
class BearerTokensConfigIT {

    private static final Duration START = Duration.ofSeconds(60);

    private static RestartablePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = RestartablePostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static Map<String, String> env(Map<String, String> auth) {
        Map<String, String> env = new HashMap<>(auth);
        env.put("DATABASE_URL", postgres.url());
        env.put("DB_MIGRATE_AT_START", "true");
        return env;
    }

    private static int create(PackagedApp app, String token) {
        var request = app.http().contentType(ContentType.JSON)
                .body(Map.of("sku", "AUTH-" + System.nanoTime(), "name", "Configured", "price", 1, "stock", 1));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/api/products").statusCode();
    }

    @Test
    void withoutAuthVariablesWritesAreOpenAndProductionWarnsOnce() {
        try (PackagedApp app = PackagedApp.start(env(Map.of())).awaitListening(START)) {
            app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
            assertEquals(201, create(app, null));
            // A token it has no key to check is not taken on trust.
            assertEquals(401, create(app, TestTokens.rs256(valid("hopeful"))));
            List<String> warnings = app.output().lines().filter(line -> line.contains("Bearer tokens are off")).toList();
            assertEquals(1, warnings.size(), app.output());
            assertTrue(warnings.get(0).contains("\"level\":\"WARN\""), warnings.get(0));
        }
        // migrate opens no port: who may write over HTTP is not its concern.
        PackagedApp.Result migrated = PackagedApp.run(env(Map.of()), START, "migrate");
        assertEquals(0, migrated.exitCode(), migrated.output());
        assertFalse(migrated.output().contains("Bearer tokens are off"), migrated.output());
    }

    @Test
    void anEd25519OrRsaPemKeyVerifiesTokensSignedWithIt() throws GeneralSecurityException {
        for (String algorithm : List.of("Ed25519", "RSA")) {
            KeyPair keys = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            try (PackagedApp app = PackagedApp.start(env(Map.of(
                    "AUTH_PUBLIC_KEY", pem(keys),
                    "AUTH_ISSUER", TestTokens.ISSUER))).awaitListening(START)) {
                app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
                String token = algorithm.equals("RSA")
                        ? valid("pem-caller").jws().algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate())
                        : valid("pem-caller").jws().algorithm(SignatureAlgorithm.EDDSA).sign(keys.getPrivate());

                assertEquals(201, create(app, token), algorithm + ":\n" + app.output());
                assertEquals(401, create(app, null), algorithm);
                assertEquals(401, create(app, TestTokens.rs256(valid("someone-else"))), algorithm);
                assertFalse(app.output().contains("Bearer tokens are off"), app.output());
            }
        }
    }

    @Test
    void halfAConfigurationEndsTheProcessWithOneLine() throws GeneralSecurityException {
        String pem = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        Map<Map<String, String>, String> broken = Map.of(
                Map.of("AUTH_JWKS_URL", TestTokens.jwksUrl()), "AUTH_ISSUER is not set",
                Map.of("AUTH_ISSUER", TestTokens.ISSUER), "AUTH_ISSUER or AUTH_AUDIENCE is set without AUTH_JWKS_URL or AUTH_PUBLIC_KEY",
                Map.of("AUTH_AUDIENCE", TestTokens.AUDIENCE), "AUTH_ISSUER or AUTH_AUDIENCE is set without AUTH_JWKS_URL or AUTH_PUBLIC_KEY",
                Map.of("AUTH_JWKS_URL", TestTokens.jwksUrl(), "AUTH_PUBLIC_KEY", pem, "AUTH_ISSUER", TestTokens.ISSUER),
                "AUTH_JWKS_URL and AUTH_PUBLIC_KEY are both set",
                Map.of("AUTH_JWKS_URL", "file:///etc/jwks.json", "AUTH_ISSUER", TestTokens.ISSUER), "AUTH_JWKS_URL is not an http(s) URL",
                Map.of("AUTH_PUBLIC_KEY", "not a key", "AUTH_ISSUER", TestTokens.ISSUER), "AUTH_PUBLIC_KEY is not an RSA or Ed25519 public key");
        broken.forEach((auth, message) -> {
            PackagedApp.Result result = PackagedApp.run(env(auth), START);
            assertEquals(1, result.exitCode(), result.output());
            List<String> lines = result.output().strip().lines().toList();
            assertTrue(lines.get(lines.size() - 1).contains(message), result.output());
            assertEquals(1, lines.stream().filter(line -> line.contains(message)).count(), result.output());
            assertFalse(PackagedApp.hasStackTrace(result.output()), result.output());
        });
    }

    /** The public half of {@code keys} as an operator pastes it into AUTH_PUBLIC_KEY. */
    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}

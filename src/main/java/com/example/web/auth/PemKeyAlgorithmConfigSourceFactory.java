package com.example.web.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * smallrye-jwt checks signatures with the algorithms of {@code mp.jwt.verify.publickey.algorithm}:
 * RS256 and EdDSA by default (application.properties), each key of a JWKS with its own. A PEM
 * key, though, is read with the first of them, in no fixed order; so with {@code AUTH_PUBLIC_KEY}
 * the list is narrowed to the one algorithm that key verifies. Above application.properties,
 * below the environment.
 */
public class PemKeyAlgorithmConfigSourceFactory implements ConfigSourceFactory {

    static final String ALGORITHMS = "mp.jwt.verify.publickey.algorithm";
    private static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue publicKey = context.getValue(PUBLIC_KEY);
        if (publicKey == null || publicKey.getValue() == null || publicKey.getValue().isBlank()
                || AuthConfig.NONE.equals(publicKey.getValue())) {
            return List.of();
        }
        // An unreadable key is reported at start by AuthConfigCheck.
        return PemPublicKey.algorithm(publicKey.getValue())
                .<Iterable<ConfigSource>>map(algorithm -> List.of(new PropertiesConfigSource(
                        Map.of(ALGORITHMS, algorithm), "AUTH_PUBLIC_KEY's algorithm", ORDINAL)))
                .orElse(List.of());
    }
}

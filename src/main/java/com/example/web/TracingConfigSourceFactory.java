package com.example.web;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Traces are made only to be exported: with no OTLP collector named
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code quarkus.otel.exporter.otlp[.traces].endpoint}),
 * the OpenTelemetry SDK is off, and the service makes no spans. Making them and dropping them
 * cost about a sixth of a GET by id's throughput (docs/performance.md, "Tracing"), for trace ids
 * nothing would ever show. The JDBC statements are wrapped for their spans only when spans are
 * made: the wrappers cost about 8 % of a GET by id even with the SDK off. Below
 * application.properties, so that a setting of {@code quarkus.otel.sdk.disabled} anywhere wins.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    private static final List<String> COLLECTORS = List.of(
            "quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint");
    private static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final List<String> STATEMENT_SPANS = List.of(
            "quarkus.datasource.jdbc.telemetry.enabled", "quarkus.datasource.replica.jdbc.telemetry.enabled");
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean collectorNamed = COLLECTORS.stream().map(context::getValue)
                .map(ConfigValue::getValue)
                .anyMatch(endpoint -> endpoint != null && !endpoint.isBlank());
        String sdkDisabled = context.getValue(SDK_DISABLED).getValue();
        boolean spansMade = sdkDisabled == null ? collectorNamed : !Boolean.parseBoolean(sdkDisabled.trim());
        // Said either way: Quarkus records what this says at build time, where no collector is
        // named, as a default of the packaged application.
        return List.of(new PropertiesConfigSource(Map.of(
                SDK_DISABLED, Boolean.toString(!collectorNamed),
                STATEMENT_SPANS.get(0), Boolean.toString(spansMade),
                STATEMENT_SPANS.get(1), Boolean.toString(spansMade)),
                collectorNamed ? "an OTLP collector named" : "no OTLP collector named", ORDINAL));
    }
}

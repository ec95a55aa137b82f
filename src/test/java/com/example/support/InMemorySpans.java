package com.example.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps the spans of the @QuarkusTest application in memory, for tests to inspect: Quarkus hands
 * every span to each {@code SpanExporter} bean (and, while there is one, builds no OTLP exporter
 * of its own). Tests that read spans {@link InMemorySpanExporter#reset() reset} it first.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}

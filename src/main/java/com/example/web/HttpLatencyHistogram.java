package com.example.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Publishes request latency as a Prometheus histogram ({@code http_server_requests_seconds_bucket}),
 * so that percentiles can be computed across instances ({@code histogram_quantile}). A dozen fixed
 * buckets, from 2 ms to 10 s, per route, method and status: enough to tell a fast request from a
 * slow one and a retry from a timeout, without the hundreds of series a default histogram adds.
 */
@Singleton
public class HttpLatencyHistogram {

    private static final double[] BUCKETS = Stream.of(2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos())
            .toArray();

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}

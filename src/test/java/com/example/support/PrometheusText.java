package com.example.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@code /q/metrics} answered (Prometheus text format): each series and its value. */
public final class PrometheusText {

    private final Map<String, Double> series;

    private PrometheusText(Map<String, Double> series) {
        this.series = series;
    }

    /** Reads the text, comments left out, exemplars ({@code # {trace_id=...}}) cut off. */
    public static PrometheusText parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int exemplar = line.indexOf(" # ");
            String sample = exemplar < 0 ? line : line.substring(0, exemplar);
            int space = sample.lastIndexOf(' ');
            series.put(sample.substring(0, space), Double.parseDouble(sample.substring(space + 1)));
        }
        return new PrometheusText(series);
    }

    /** The metric names, as queries use them ({@code http_server_requests_seconds_count}). */
    public Set<String> names() {
        return series.keySet().stream().map(PrometheusText::nameOf).collect(Collectors.toSet());
    }

    /** Every series, with its labels, as written. */
    public Set<String> series() {
        return series.keySet();
    }

    /** Whether a series named {@code name} carries each of {@code labels} ({@code datasource="replica"}). */
    public boolean has(String name, String... labels) {
        return !matching(name, labels).isEmpty();
    }

    /** The sum of the series named {@code name} that carry each of {@code labels}. */
    public double sum(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(series::get).sum();
    }

    private List<String> matching(String name, String... labels) {
        return series.keySet().stream()
                .filter(key -> nameOf(key).equals(name))
                .filter(key -> List.of(labels).stream().allMatch(label -> key.contains(label)))
                .toList();
    }

    private static String nameOf(String key) {
        int brace = key.indexOf('{');
        return brace < 0 ? key : key.substring(0, brace);
    }
}

package com.example.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Neon's max_connections per compute size, from deploy/kubernetes/neon-compute-sizes.tsv, the one
 * copy of these numbers (the README's sizing table is written from it).
 */
final class NeonComputeSizes {

    static final Path FILE = Overlays.kubernetesDirectory().resolve("neon-compute-sizes.tsv");

    private static final Map<BigDecimal, Integer> MAX_CONNECTIONS = read();

    private NeonComputeSizes() {
    }

    /** max_connections of a compute of this many CU, if the table has that size. */
    static Optional<Integer> maxConnections(String computeUnits) {
        return Optional.ofNullable(MAX_CONNECTIONS.get(normalize(computeUnits)));
    }

    /**
     * How many transactions Neon's pooler runs at once for one user and database:
     * its default_pool_size, 0.9 × max_connections.
     */
    static int pooledBudget(int maxConnections) {
        return maxConnections * 9 / 10;
    }

    static Map<BigDecimal, Integer> all() {
        return MAX_CONNECTIONS;
    }

    private static Map<BigDecimal, Integer> read() {
        Map<BigDecimal, Integer> table = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("compute_cu")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 2) {
                    throw new IllegalStateException(FILE + ": expected \"<CU><tab><max_connections>\", got: " + line);
                }
                table.put(normalize(columns[0]), Integer.valueOf(columns[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        if (table.isEmpty()) {
            throw new IllegalStateException(FILE + " lists no compute size");
        }
        return table;
    }

    /** "0.50", "0.5" and ".5" are one size. */
    private static BigDecimal normalize(String computeUnits) {
        return new BigDecimal(computeUnits.strip()).stripTrailingZeros();
    }
}

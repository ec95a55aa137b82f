package com.example.database;

import com.example.database.config.DatabaseEndpoint;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The databases the service uses: the primary (rw) and, when {@code DATABASE_URL_RO} is set, the read replica (ro). */
@ApplicationScoped
public class Databases {

    /** The primary's datasource (quarkus.datasource.*), as metrics name it. */
    public static final String PRIMARY = "default";
    /** The datasource name of the read replica (quarkus.datasource.replica.*). */
    public static final String REPLICA = "replica";

    private final Database primary;
    private final Optional<Database> replica;

    Databases(AgroalDataSource primaryPool, @DataSource(REPLICA) Instance<AgroalDataSource> replicaPool,
              @ConfigProperty(name = "quarkus.datasource.replica.jdbc.url") Optional<String> replicaUrl,
              MeterRegistry metrics) {
        this.primary = new Database(new DatabaseState(DatabaseEndpoint.of("rw", Database.jdbcUrl(primaryPool)),
                "requests that need it fail with 503 until it answers", metrics, PRIMARY), primaryPool);
        // The replica's datasource is active only when it has a URL: ask for it only then.
        this.replica = replicaUrl.map(url -> new Database(new DatabaseState(DatabaseEndpoint.of("ro", url),
                "lag-tolerant reads use the primary until it answers", metrics, REPLICA), replicaPool.get()));
    }

    public Database primary() {
        return primary;
    }

    public Optional<Database> replica() {
        return replica;
    }

    public List<Database> all() {
        return Stream.concat(Stream.of(primary), replica.stream()).toList();
    }
}

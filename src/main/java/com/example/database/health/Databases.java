package com.example.database.health;

import com.example.database.config.DatabaseEndpoint;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The databases the service uses: the primary (rw) and, when configured, the read replica (ro). */
@ApplicationScoped
public class Databases {

    private final Database primary;
    private final Optional<Database> replica;

    Databases(AgroalDataSource primaryPool, @DataSource("replica") Instance<AgroalDataSource> replicaPool,
              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String primaryUrl,
              @ConfigProperty(name = "quarkus.datasource.replica.jdbc.url") Optional<String> replicaUrl) {
        this.primary = new Database(new DatabaseState(DatabaseEndpoint.of("rw", primaryUrl)), primaryPool);
        // The replica's datasource exists only when DATABASE_URL_RO is set: ask for it only then.
        this.replica = replicaUrl.map(url -> new Database(new DatabaseState(DatabaseEndpoint.of("ro", url)), replicaPool.get()));
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

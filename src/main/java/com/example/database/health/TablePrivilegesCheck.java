package com.example.database.health;

import com.example.database.Databases;
import com.example.database.role.ApplicationRole;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Started: the role the application connects as may read and change the rows of every table
 * the entities map. A deploy whose grants were forgotten (README "Database roles") stays DOWN,
 * naming each missing privilege, instead of taking traffic and failing every write.
 *
 * <p>Bounded, shared and kept once UP ({@link StartedInspection}).
 */
@Startup
@ApplicationScoped
public class TablePrivilegesCheck implements AsyncHealthCheck {

    private static final String NAME = "database privileges";

    private final StartedInspection inspection;

    TablePrivilegesCheck(Databases databases, ApplicationRole role, DatabaseHealthConfig config) {
        this.inspection = new StartedInspection(NAME, config, () -> inspect(databases, role));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return inspection.answer();
    }

    private static HealthCheckResponse inspect(Databases databases, ApplicationRole role) {
        try (Connection connection = databases.primary().dataSource().getConnection()) {
            List<String> missing = role.missingPrivileges(connection);
            HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("tables", String.join(", ", role.tables()));
            if (missing.isEmpty()) {
                return response.up().build();
            }
            return response.down()
                    .withData("missing", String.join(", ", missing))
                    .withData("reason", "the application role lacks privileges on the service's tables: run migrate,"
                            + " or grant them (README \"Database roles\")")
                    .build();
        } catch (SQLException e) {
            throw new IllegalStateException(e); // recovered above into DOWN, with what went wrong
        }
    }
}

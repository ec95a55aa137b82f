package com.example.database.health;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;

import java.sql.Connection;

/**
 * Watches the pools on behalf of the probes. Every new connection counts as the database
 * answering: request traffic then keeps "last contact" current, and the first connection after
 * an outage ends it (logged once); handing out a pooled connection proves less (it may have died
 * with the compute), so only creation counts there. Every connection the application takes
 * counts as use, which tells readiness when the service is idle.
 */
@ApplicationScoped
public class ConnectionsCreated {

    @Produces
    @Default
    AgroalPoolInterceptor primary(Databases databases) {
        return new AgroalPoolInterceptor() {
            @Override
            public void onConnectionCreate(Connection connection) {
                databases.primary().state().success();
            }

            @Override
            public void onConnectionAcquire(Connection connection) {
                if (!DatabaseProbe.isProbing()) {
                    databases.primary().state().used();
                }
            }
        };
    }

    @Produces
    @DataSource("replica")
    AgroalPoolInterceptor replica(Databases databases) {
        return new AgroalPoolInterceptor() {
            @Override
            public void onConnectionCreate(Connection connection) {
                databases.replica().ifPresent(replica -> replica.state().success());
            }

            @Override
            public void onConnectionAcquire(Connection connection) {
                if (!DatabaseProbe.isProbing()) {
                    databases.replica().ifPresent(replica -> replica.state().used());
                }
            }
        };
    }
}

package com.example.database.health;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;

import java.sql.Connection;

/**
 * Counts every new pool connection as the database answering: request traffic then keeps
 * "last contact" current, and the first connection after an outage ends it (logged once).
 * Handing out a pooled connection proves less (it may have died with the compute), so only
 * creation counts.
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
        };
    }
}

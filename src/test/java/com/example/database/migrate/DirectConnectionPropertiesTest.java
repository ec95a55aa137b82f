package com.example.database.migrate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The direct connection of migrations gets the pool's connection properties, unless its URL sets them. */
class DirectConnectionPropertiesTest {

    private static final Map<String, String> POOL = Map.of(
            "connectTimeout", "10", "loginTimeout", "15", "ApplicationName", "inventory service");

    @Test
    void propertiesTheUrlDoesNotSetAreAdded() {
        assertEquals("jdbc:postgresql://ep-x.neon.tech:5432/neondb?sslmode=require"
                        + "&ApplicationName=inventory+service&connectTimeout=10&loginTimeout=15",
                DirectConnectionProperties.withDefaults("jdbc:postgresql://ep-x.neon.tech:5432/neondb?sslmode=require", POOL));
    }

    @Test
    void theUrlsOwnParametersWin() {
        assertEquals("jdbc:postgresql://db:5432/app?connectTimeout=3&ApplicationName=inventory+service&loginTimeout=15",
                DirectConnectionProperties.withDefaults("jdbc:postgresql://db:5432/app?connectTimeout=3", POOL));
    }

    @Test
    void aUrlWithoutParametersGetsAQueryString() {
        assertEquals("jdbc:postgresql://db:5432/app?loginTimeout=15",
                DirectConnectionProperties.withDefaults("jdbc:postgresql://db:5432/app", Map.of("loginTimeout", "15")));
    }

    @Test
    void migrationsGetEveryPropertyOfThePoolButItsStatementTimeout() {
        assertEquals(Map.of("loginTimeout", "15", "tcpKeepAlive", "true"),
                DirectConnectionProperties.forMigrations(Map.of("loginTimeout", "15", "tcpKeepAlive", "true", "queryTimeout", "2")));
    }

    @Test
    void aUrlPgjdbcCannotReadIsLeftAsItIs() {
        assertEquals("jdbc:mysql://db/app", DirectConnectionProperties.withDefaults("jdbc:mysql://db/app", POOL));
    }
}

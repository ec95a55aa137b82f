package com.example.database.url;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libpq URIs, as Neon and most platforms hand them out, translated for pgjdbc. */
class PostgresUrlTest {

    private static final String SECRET = "s3cr#t/p@ss:w%rd";
    private static final String SECRET_ENCODED = "s3cr%23t%2Fp%40ss%3Aw%25rd";

    @Test
    void neonUriBecomesJdbcUrlWithCredentialsApart() {
        PostgresUrl url = PostgresUrl.parse("postgresql://alex:" + SECRET_ENCODED
                + "@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require");

        assertEquals("jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech:5432/neondb"
                + "?sslmode=require&channelBinding=require", url.jdbcUrl());
        assertEquals(Optional.of("alex"), url.username());
        assertEquals(Optional.of(SECRET), url.password());
        assertEquals(List.of("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech:5432"), url.hosts());
    }

    @Test
    void shortSchemeAndExplicitPortAreAccepted() {
        PostgresUrl url = PostgresUrl.parse("postgres://u@db.example.com:6543/app");

        assertEquals("jdbc:postgresql://db.example.com:6543/app", url.jdbcUrl());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void userDatabaseAndParametersArePercentDecodedOnceAndReEncodedForPgjdbc() {
        PostgresUrl url = PostgresUrl.parse("postgresql://us%40er:pw@h/my%20db?application_name=inventory%20api");

        assertEquals(Optional.of("us@er"), url.username());
        assertEquals("jdbc:postgresql://h:5432/my+db?ApplicationName=inventory+api", url.jdbcUrl());
    }

    @Test
    void plusInAPasswordStaysAPlus() {
        assertEquals(Optional.of("a+b"), PostgresUrl.parse("postgresql://u:a+b@h/db").password());
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals("jdbc:postgresql://[::1]:5433/db", PostgresUrl.parse("postgresql://[::1]:5433/db").jdbcUrl());
        assertEquals("jdbc:postgresql://[2001:db8::7]:5432/db", PostgresUrl.parse("postgresql://[2001:db8::7]/db").jdbcUrl());
    }

    @Test
    void severalHostsEachGetAPort() {
        PostgresUrl url = PostgresUrl.parse("postgresql://u:p@a.example:5433,b.example/db?target_session_attrs=read-write");

        assertEquals("jdbc:postgresql://a.example:5433,b.example:5432/db?targetServerType=primary", url.jdbcUrl());
    }

    @Test
    void libpqParametersAreRenamedForPgjdbc() {
        PostgresUrl url = PostgresUrl.parse("postgresql://h/db?connect_timeout=15&application_name=inv"
                + "&options=-c%20geqo%3Doff&sslrootcert=%2Fetc%2Fca.pem&sslnegotiation=direct");

        assertEquals("jdbc:postgresql://h:5432/db?connectTimeout=15&ApplicationName=inv&options=-c+geqo%3Doff"
                + "&sslrootcert=%2Fetc%2Fca.pem&sslNegotiation=direct", url.jdbcUrl());
    }

    @Test
    void clientCertificateParametersKeepTheirNames() {
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=verify-full&sslcert=%2Fcerts%2Fclient.crt"
                        + "&sslkey=%2Fcerts%2Fclient.pk8&sslpassword=k%40y",
                PostgresUrl.parse("postgresql://h/db?sslmode=verify-full&sslcert=/certs/client.crt"
                        + "&sslkey=/certs/client.pk8&sslpassword=k%40y").jdbcUrl());
    }

    @ParameterizedTest
    @CsvSource({"any, any", "read-write, primary", "primary, primary", "read-only, secondary", "standby, secondary",
            "prefer-standby, preferSecondary"})
    void everyTargetSessionAttributeMapsToItsTargetServerType(String attribute, String targetServerType) {
        assertEquals("jdbc:postgresql://a:5432,b:5432/db?targetServerType=" + targetServerType,
                PostgresUrl.parse("postgresql://a,b/db?target_session_attrs=" + attribute).jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
    void everySslModePassesThrough(String mode) {
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=" + mode,
                PostgresUrl.parse("postgresql://h/db?sslmode=" + mode).jdbcUrl());
    }

    @ParameterizedTest
    @CsvSource({
            "postgresql://h/db, prefer",
            "postgresql://h/db?sslmode=require, require",
            "postgresql://h/db?ssl=true, verify-full",
            "jdbc:postgresql://h/db?ssl=true, verify-full",
            "jdbc:postgresql://h/db?ssl, verify-full",
            "jdbc:postgresql://h/db?ssl=false, prefer",
            "jdbc:postgresql://h/db?ssl&sslmode=require, require"})
    void sslModeIsTheOnePgjdbcConnectsWith(String url, String mode) {
        assertEquals(mode, PostgresUrl.parse(url).sslMode());
    }

    @Test
    void aBareSslInAJdbcUrlIsKeptForPgjdbc() {
        assertEquals("jdbc:postgresql://h/db?ssl", PostgresUrl.parse("jdbc:postgresql://h/db?ssl").jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://localhost/db", "postgresql://LOCALHOST/db", "postgresql://127.0.0.1/db",
            "postgresql://127.1.2.3:6432/db", "postgresql://[::1]:5433/db", "postgresql://[0:0:0:0:0:0:0:1]/db",
            "jdbc:postgresql:db", "postgresql://127.0.0.1,localhost/db"})
    void loopbackHostsAreThisMachine(String url) {
        assertTrue(PostgresUrl.parse(url).onlyLoopbackHosts(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://127.example.com/db", "postgresql://127.0.0.1.nip.io/db",
            "postgresql://localhost.example.com/db", "postgresql://128.0.0.1/db", "postgresql://127.0.0.256/db",
            "postgresql://[::2]/db", "postgresql://127.0.0.1,db.example.com/db"})
    void namesAndOtherAddressesAreNotLoopback(String url) {
        assertFalse(PostgresUrl.parse(url).onlyLoopbackHosts(), url);
    }

    @Test
    void pgjdbcPropertiesAreAcceptedAsTheyAre() {
        assertEquals("jdbc:postgresql://h:5432/db?prepareThreshold=0",
                PostgresUrl.parse("postgresql://h/db?prepareThreshold=0").jdbcUrl());
    }

    @Test
    void credentialsMayComeAsParameters() {
        PostgresUrl url = PostgresUrl.parse("postgresql://h/db?user=me&password=" + SECRET_ENCODED);

        assertEquals(Optional.of("me"), url.username());
        assertEquals(Optional.of(SECRET), url.password());
        assertEquals("jdbc:postgresql://h:5432/db", url.jdbcUrl());
    }

    @Test
    void jdbcUrlPassesThroughUnchanged() {
        String jdbc = "jdbc:postgresql://localhost:5432/db?user=postgres&sslmode=disable";

        PostgresUrl url = PostgresUrl.parse(jdbc);

        assertEquals(jdbc, url.jdbcUrl());
        assertEquals(Optional.empty(), url.username());
    }

    @Test
    void toStringNeverShowsThePassword() {
        String text = PostgresUrl.parse("postgresql://u:" + SECRET_ENCODED + "@h/db").toString();

        assertFalse(text.contains(SECRET) || text.contains(SECRET_ENCODED), text);
        assertTrue(text.contains("h:5432"), text);
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertRejected("postgresql://u:" + SECRET_ENCODED + "@h/db?keepalives_idle=5", "keepalives_idle");
    }

    @Test
    void invalidValuesAreRejectedNamingTheParameter() {
        assertRejected("postgresql://h/db?sslmode=maybe", "sslmode");
        assertRejected("postgresql://h/db?channel_binding=sometimes", "channel_binding");
        assertRejected("postgresql://h/db?connect_timeout=soon", "connect_timeout");
        assertRejected("postgresql://h/db?target_session_attrs=fastest", "target_session_attrs");
        assertRejected("postgresql://h/db?sslmode", "sslmode");
    }

    @Test
    void malformedUrlsAreRejectedWithoutShowingThePassword() {
        assertRejected("mysql://u:" + SECRET_ENCODED + "@h/db", "postgresql://");
        assertRejected("postgresql://u:" + SECRET_ENCODED + "@h:99999/db", "port");
        assertRejected("postgresql://u:" + SECRET_ENCODED + "@h:abc/db", "port");
        assertRejected("postgresql://u:" + SECRET_ENCODED + "@/db", "host");
        assertRejected("postgresql://u:" + SECRET_ENCODED + "@[::1/db", "IPv6");
        assertRejected("postgresql://u:bad%zzpassword@h/db", "password");
        assertRejected("", "empty");
        assertRejected(null, "empty");
    }

    @Test
    void unencodedReservedCharactersInThePasswordAreRejectedWithoutEchoingIt() {
        assertRejected("postgresql://app:abc/secretpart@h/db", "percent-encode", "abc", "secretpart");
        assertRejected("postgresql://app:abc@secret@h/db", "percent-encode", "secret@h");
        assertRejected("postgresql://h/db?password=abc&secretpart", "percent-encode", "abc", "secretpart");
    }

    @Test
    void systemRootCertificatesMeanTheJvmTrustStoreAndFullVerification() {
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory",
                PostgresUrl.parse("postgresql://h/db?sslrootcert=system").jdbcUrl());
        assertRejected("postgresql://h/db?sslrootcert=system&sslmode=require", "verify-full");
    }

    private static void assertRejected(String url, String expectedInMessage, String... neverInMessage) {
        InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> PostgresUrl.parse(url));
        assertTrue(e.getMessage().contains(expectedInMessage), e::getMessage);
        for (String secret : neverInMessage) {
            assertFalse(e.getMessage().contains(secret), e::getMessage);
        }
    }

    private static void assertRejected(String url, String expectedInMessage) {
        InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> PostgresUrl.parse(url));
        assertTrue(e.getMessage().contains(expectedInMessage), e::getMessage);
        assertFalse(e.getMessage().contains(SECRET) || e.getMessage().contains(SECRET_ENCODED)
                || e.getMessage().contains("bad%zzpassword"), e::getMessage);
    }
}

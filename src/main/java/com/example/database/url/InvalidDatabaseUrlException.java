package com.example.database.url;

/**
 * A database URL that cannot be used. The message names the variable's part that is wrong
 * (a parameter, the scheme, a port) and never contains the URL itself, which may hold a password.
 */
public class InvalidDatabaseUrlException extends IllegalArgumentException {

    public InvalidDatabaseUrlException(String message) {
        super(message);
    }
}

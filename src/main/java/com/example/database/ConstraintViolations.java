package com.example.database;

import org.hibernate.exception.ConstraintViolationException;

import java.util.Optional;

/**
 * Finds which database constraint an exception reports. Hibernate and JPA wrap the driver's
 * error differently depending on the operation (persist, flush, bulk statement), so look
 * through the causes rather than at the outermost type.
 */
public final class ConstraintViolations {

    private ConstraintViolations() {
    }

    /** The violated constraint's name, or empty if the exception is not a constraint violation. */
    public static Optional<String> constraintName(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return Optional.ofNullable(violation.getConstraintName());
            }
        }
        return Optional.empty();
    }
}

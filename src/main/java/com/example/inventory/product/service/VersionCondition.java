package com.example.inventory.product.service;

import java.util.Set;

/**
 * The versions of a product an update may apply to: those named by the client's If-Match
 * header, or {@link #ANY} when it named none.
 *
 * @param conditional whether the client made the update conditional
 * @param versions    the acceptable current versions when conditional
 */
public record VersionCondition(boolean conditional, Set<Long> versions) {

    public static final VersionCondition ANY = new VersionCondition(false, Set.of());

    public boolean allows(long currentVersion) {
        return !conditional || versions.contains(currentVersion);
    }
}

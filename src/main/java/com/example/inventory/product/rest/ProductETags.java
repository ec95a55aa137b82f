package com.example.inventory.product.rest;

import com.example.inventory.product.service.VersionCondition;
import jakarta.ws.rs.core.EntityTag;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A product's version as an HTTP entity tag, and If-Match headers back to versions. */
final class ProductETags {

    /** A strong entity tag holding a version, e.g. {@code "7"}. Weak tags never match If-Match. */
    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("(?<!W/)\"(\\d{1,18})\"");

    private ProductETags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The condition an If-Match header sets (RFC 9110 §13.1.1): none when absent or {@code *},
     * else the versions it lists. A header that lists no version of ours matches nothing.
     */
    static VersionCondition condition(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return VersionCondition.ANY;
        }
        Set<Long> versions = new HashSet<>();
        Matcher tag = STRONG_VERSION_TAG.matcher(ifMatch);
        while (tag.find()) {
            versions.add(Long.parseLong(tag.group(1)));
        }
        return new VersionCondition(true, versions);
    }
}

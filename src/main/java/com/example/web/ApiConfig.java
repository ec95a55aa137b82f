package com.example.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** Limits of the HTTP API. Defaults live in application.properties. */
@ConfigMapping(prefix = "api")
public interface ApiConfig {

    /** Largest request body; a larger one is refused with a 413 problem, read no further. */
    MemorySize maxBodySize();

    /** Paging of every list endpoint. */
    Paging paging();

    interface Paging {

        /** Page size when the request names none. */
        int defaultSize();

        /** Largest page size a request may ask for; a larger one is answered with 400. */
        int maxSize();

        /**
         * Deepest position a page may start at (page × size); deeper is answered with 400.
         * The database reads and discards every row before it, so the cost grows with it.
         */
        int maxOffset();
    }
}

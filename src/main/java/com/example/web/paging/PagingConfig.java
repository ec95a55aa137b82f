package com.example.web.paging;

import io.smallrye.config.ConfigMapping;

/** Page sizes of every list endpoint. Defaults live in application.properties. */
@ConfigMapping(prefix = "api.paging")
public interface PagingConfig {

    /** Page size when the request names none. */
    int defaultSize();

    /** Largest page size a request may ask for; a larger one is answered with 400. */
    int maxSize();
}

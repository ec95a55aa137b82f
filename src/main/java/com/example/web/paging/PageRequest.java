package com.example.web.paging;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * A validated page request: which page, how large, in which total order.
 *
 * @param page zero-based page number
 * @param size items per page
 * @param sort the order, always ending in a unique field
 */
public record PageRequest(int page, int size, Sort sort) {

    /** The same page for a Panache query. */
    public Page panachePage() {
        return Page.of(page, size);
    }
}

package com.example.web.paging;

import io.quarkus.panache.common.Sort;
import org.hibernate.query.Page;

import java.util.stream.Collectors;

/**
 * A validated page request: which page, how large, in which total order.
 *
 * @param page zero-based page number
 * @param size items per page
 * @param sort the order, always ending in a unique field; only attributes the list allows
 */
public record PageRequest(int page, int size, Sort sort) {

    /** The same page for a Hibernate query. */
    public Page queryPage() {
        return Page.page(size, page);
    }

    /** The order as an HQL clause, e.g. {@code " order by name desc, id"}. */
    public String orderBy() {
        return sort.getColumns().stream()
                .map(column -> column.getName() + (column.getDirection() == Sort.Direction.Descending ? " desc" : ""))
                .collect(Collectors.joining(", ", " order by ", ""));
    }
}

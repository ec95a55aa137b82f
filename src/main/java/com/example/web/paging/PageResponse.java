package com.example.web.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One page of a list, with what a client needs to page through the rest.
 *
 * @param items      the items on this page, in the requested order
 * @param page       zero-based number of this page
 * @param size       requested items per page
 * @param totalItems items in the whole list
 * @param totalPages pages in the whole list at this size
 */
public record PageResponse<T>(@Schema(required = true) List<T> items,
                              @Schema(required = true, minimum = "0") int page,
                              @Schema(required = true, minimum = "1") int size,
                              @Schema(required = true, minimum = "0") long totalItems,
                              @Schema(required = true, minimum = "0") long totalPages) {

    /**
     * A page of items; {@code count} counts the whole list and is only called when needed:
     * a first page that is not full already holds the whole list.
     */
    public static <T> PageResponse<T> of(List<T> items, PageRequest request, LongSupplier count) {
        long totalItems = request.page() == 0 && items.size() < request.size() ? items.size() : count.getAsLong();
        long totalPages = (totalItems + request.size() - 1) / request.size();
        return new PageResponse<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> PageResponse<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResponse<>(items.stream().<R>map(mapper).toList(), page, size, totalItems, totalPages);
    }
}

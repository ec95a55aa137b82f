package com.example.web.paging;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/** RFC 8288 {@code Link} headers (first, prev, next, last) for a page, keeping the other query parameters. */
public final class PageLinks {

    private PageLinks() {
    }

    public static Link[] of(UriInfo uri, PageResponse<?> page) {
        List<Link> links = new ArrayList<>();
        long last = Math.max(page.totalPages() - 1, 0);
        links.add(link(uri, 0, "first"));
        if (page.page() > 0) {
            links.add(link(uri, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(uri, page.page() + 1, "next"));
        }
        links.add(link(uri, last, "last"));
        return links.toArray(Link[]::new);
    }

    private static Link link(UriInfo uri, long page, String rel) {
        return Link.fromUri(uri.getRequestUriBuilder().replaceQueryParam("page", page).build()).rel(rel).build();
    }
}

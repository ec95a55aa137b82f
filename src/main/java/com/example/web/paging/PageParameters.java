package com.example.web.paging;

import com.example.web.ApiConfig;
import com.example.web.problem.Problem.FieldError;
import com.example.web.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code page}, {@code size} and {@code sort} query parameters of a list endpoint, as sent.
 *
 * <p>They arrive as text and are checked here, so that {@code ?size=abc} is a 400 naming the
 * parameter (JAX-RS would answer a failed conversion of a query parameter with 404).
 */
public class PageParameters {

    /** Zero-based page number. */
    @Parameter(description = "Zero-based page number; page × size at most 10000.",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    @QueryParam("page")
    String page;

    /** Items per page, up to the configured maximum. */
    @Parameter(description = "Items per page, at most 100 (api.paging.max-size).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @QueryParam("size")
    String size;

    /** Comma-separated fields; a leading '-' sorts that field descending, e.g. {@code -price,name}. */
    @Parameter(description = "Comma-separated fields, each once; a leading '-' sorts that field descending"
            + " (-price,name). Ties are broken by id.", schema = @Schema(type = SchemaType.STRING))
    @QueryParam("sort")
    String sort;

    /**
     * Validates the parameters.
     *
     * @param sortable the fields a client may sort by (entity attribute names)
     * @param unique   the field that makes every order total, appended unless already named,
     *                 so that paging through equal values never repeats or skips an item
     * @throws ProblemException 400 naming each invalid parameter
     */
    public PageRequest toRequest(ApiConfig.Paging config, Set<String> sortable, String unique) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = parse("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = parse("size", size, config.defaultSize(), 1, config.maxSize(), errors);
        if ((long) pageNumber * pageSize > config.maxOffset()) {
            errors.add(new FieldError("page", "must be at most " + config.maxOffset() / pageSize + " at size " + pageSize
                    + ": pages may start no deeper than item " + config.maxOffset()));
        }
        Sort order = sort(sortable, unique, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new PageRequest(pageNumber, pageSize, order);
    }

    private static int parse(String name, String text, int fallback, int min, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private Sort sort(Set<String> sortable, String unique, List<FieldError> errors) {
        Sort order = Sort.empty();
        Set<String> seen = new LinkedHashSet<>();
        if (sort != null && !sort.isBlank()) {
            for (String item : sort.split(",")) {
                String field = item.strip();
                boolean descending = field.startsWith("-");
                if (descending) {
                    field = field.substring(1);
                }
                if (!sortable.contains(field) || !seen.add(field)) {
                    errors.add(new FieldError("sort", "'" + item.strip() + "' is not one of "
                            + sortable.stream().sorted().toList() + " or is named twice"));
                    continue;
                }
                order = order.and(field, descending ? Sort.Direction.Descending : Sort.Direction.Ascending);
            }
        }
        return seen.contains(unique) ? order : order.and(unique);
    }
}

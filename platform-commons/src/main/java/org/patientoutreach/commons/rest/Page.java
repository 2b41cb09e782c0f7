package org.patientoutreach.commons.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 20;
    /** {@link #DEFAULT_SIZE} for {@code @DefaultValue}, which takes a string constant. */
    public static final String DEFAULT_SIZE_TEXT = "20";
    public static final int MAX_SIZE = 200;

    /** Runs one page of a Panache query and counts all its rows. */
    public static <T> Page<T> of(PanacheQuery<T> query, int page, int size) {
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, query.count());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}

package org.patientoutreach.triggers.paging;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import org.patientoutreach.commons.rest.Page;

/** Bounds of every list endpoint, as annotation constants, and the step from a Panache query to a {@link Page}. */
public final class Paging {

    public static final String DEFAULT_SIZE = "" + Page.DEFAULT_SIZE;
    public static final int MAX_SIZE = Page.MAX_SIZE;

    private Paging() {
    }

    public static <T> Page<T> page(PanacheQuery<T> query, int page, int size) {
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, query.count());
    }
}

package org.communitypoints.platform.data;

import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * A native query whose rows are one column of a basic type (a UUID, a string, a number).
 * <p>
 * Not {@code createNativeQuery(sql, UUID.class)}: Hibernate (7.2) keys its query-plan cache on the SQL and the result
 * mapping, and the mapping it makes for a basic result class is equal only to itself. Every call then adds one more
 * plan under the same hash, until the cache (2,048 plans) is full of copies of one statement and each lookup walks
 * them all: a quarter of catalog-service's profile samples in the redemption saga (docs/benchmarks.md, 2026-12-04
 * 19:21). A column named with its type makes a mapping that equals the next call's, so the statement is planned once.
 */
public final class NativeScalars {

    private NativeScalars() {
    }

    /**
     * @param column the one column the statement returns (its name or alias in the SQL)
     * @param type its Java type, which each row is
     */
    @SuppressWarnings("unchecked")
    public static <T> NativeQuery<T> of(EntityManager entityManager, String sql, String column, Class<T> type) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class).addScalar(column, type);
    }
}

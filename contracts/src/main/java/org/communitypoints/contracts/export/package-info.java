/**
 * What the services export for the batch reconciliation, defined once for the producing services and the
 * reconciler. Producers serialize these records; the reconciler reads them with Jackson and nothing else.
 *
 * <p>
 * Rules every record here follows: a consumer ignores fields it does not know (so a producer may add one
 * without breaking the reconciler), and every enum reads a value it does not know as {@code UNKNOWN}
 * instead of failing, so a new kind of transaction or state is reported, not fatal. Removing or renaming a
 * field is a breaking change and needs a new record.
 */
package org.communitypoints.contracts.export;

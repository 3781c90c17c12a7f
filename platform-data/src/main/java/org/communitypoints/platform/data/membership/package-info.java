/**
 * Each service's own copy of community-service's registry and the checks every service makes against it.
 *
 * <p>
 * community-service publishes the registry as event-carried state on {@code community.registry}
 * ({@code MemberChanged}, {@code HouseholdChanged}, {@code ProxyChanged}). A service that accepts member ids keeps a
 * copy ({@link RegistryConsumer} into the tables of {@code db/membership}) and checks every id against it with
 * {@link Membership}, never with a call to community-service: its writes keep working while community-service is
 * down, on the last state it heard of. Acts on behalf ({@code On-Behalf-Of}) are resolved once per request by
 * {@link OnBehalfOfFilter} against the copy's proxy grants, for the methods marked {@link ActsOnBehalf}.
 *
 * <p>
 * A service opts in with three settings (community-service, which owns the registry, does not):
 *
 * <pre>
 * platform.membership.enabled=true                      # build time: the consumer, the checks and the filter exist
 * quarkus.flyway.locations=db/platform,db/membership,db/migration
 * mp.messaging.incoming.registry.connector=smallrye-kafka   # and the channel settings in RegistryConsumer's Javadoc
 * </pre>
 */
package org.communitypoints.platform.data.membership;

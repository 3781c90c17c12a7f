package org.communitypoints.community.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * "Today" and "this year" of the registry: the system clock in the communities' zone. A default bean, so a test can
 * put its own clock in its place and move to 1 January.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(RegistryConfig config) {
        return Clock.system(config.zone());
    }
}

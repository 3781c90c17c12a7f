package org.communitypoints.gateway.balancing;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.gateway.config.GatewayConfig;

/** One {@link UpstreamPool} per service, shared by the proxy and "my home", so both learn which instance is away. */
@ApplicationScoped
public class Upstreams {

    private final Map<String, UpstreamPool> pools = new HashMap<>();

    public Upstreams(GatewayConfig config) {
        config.downstreams().forEach((name, downstream) -> pools.put(name,
                new UpstreamPool(name, downstream.urls(), config.balancing().ejection(),
                        config.balancing().stalledAfter(), System::nanoTime)));
    }

    public UpstreamPool of(String service) {
        UpstreamPool pool = pools.get(service);
        if (pool == null) {
            throw new IllegalArgumentException("No downstream named " + service);
        }
        return pool;
    }
}

package org.communitypoints.gateway.balancing;

import java.net.URI;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Sends each call of a "my home" REST client to the instance first in {@link UpstreamPool#order()}: the one with the
 * fewest proxied calls under way, in turn among equals. The clients' configured base URL
 * only names the service ({@code http://points.upstream}); this filter puts the instance's scheme, host and port
 * in its place, from the same {@link UpstreamPool} the proxy uses.
 */
public class BalancedClients implements ClientRequestFilter {

    /**
     * Looked up once per client (each REST client has its own instance of this filter): a CDI lookup on every call of
     * every "my home" request showed in the gateway's CPU time. Not static, so a restarted application (tests with
     * another profile, dev mode) never sees the previous one's instances.
     */
    private volatile Upstreams upstreams;

    static final String PLACEHOLDER_SUFFIX = ".upstream";

    private Upstreams upstreams() {
        Upstreams found = upstreams;
        if (found == null) {
            found = CDI.current().select(Upstreams.class).get();
            upstreams = found;
        }
        return found;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        String host = uri.getHost();
        if (host == null || !host.endsWith(PLACEHOLDER_SUFFIX)) {
            return;
        }
        String service = host.substring(0, host.length() - PLACEHOLDER_SUFFIX.length());
        URI instance = upstreams().of(service).order().get(0).url();
        request.setUri(UriBuilder.fromUri(uri).scheme(instance.getScheme()).host(instance.getHost())
                .port(instance.getPort()).build());
    }
}

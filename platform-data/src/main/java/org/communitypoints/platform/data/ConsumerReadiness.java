package org.communitypoints.platform.data;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/**
 * One readiness check per incoming channel of the service, named {@code consumer <channel>}: DOWN while
 * {@link InboundRecords} waits out an outage on it, with the reason per partition ("database unavailable, 37 records
 * waiting on catalog.redemptions-0"), UP again by itself when the work goes through (a partition waiting for a
 * registry copy that is only behind is shown, and the check stays UP: {@link ConsumerStalls.Stall#outage()});
 * DOWN too when the channel has failed for good (its consumer ended), since then nothing it should consume
 * is being consumed until the process restarts.
 */
@ApplicationScoped
public class ConsumerReadiness {

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    private final ConsumerStalls stalls;
    private final Instance<HealthCenter> messagingHealth;
    private final HealthRegistry readiness;
    private final Config config;

    public ConsumerReadiness(ConsumerStalls stalls, Instance<HealthCenter> messagingHealth,
            @Readiness HealthRegistry readiness, Config config) {
        this.stalls = stalls;
        this.messagingHealth = messagingHealth;
        this.readiness = readiness;
        this.config = config;
    }

    void register(@Observes StartupEvent event) {
        for (String channel : incomingChannels()) {
            readiness.register("consumer " + channel, (HealthCheck) () -> check(channel));
        }
    }

    /** The channel's state now, as the readiness endpoint shows it. */
    public HealthCheckResponse check(String channel) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumer " + channel).up();
        Map<String, ConsumerStalls.Stall> stalled = stalls.of(channel);
        for (ConsumerStalls.Stall stall : stalled.values()) {
            if (stall.outage()) {
                response.down();
            }
            response.withData(stall.partition(), stall.describe())
                    .withData(stall.partition() + " failure", stall.detail())
                    .withData(stall.partition() + " since", stall.since().toString());
        }
        channelFailure(channel).ifPresent(reason -> response.down().withData("channel", "stopped: " + reason));
        return response.build();
    }

    private Optional<String> channelFailure(String channel) {
        if (!messagingHealth.isResolvable()) {
            return Optional.empty();
        }
        HealthReport liveness = messagingHealth.get().getLiveness();
        return liveness.getChannels().stream()
                .filter(info -> info.getChannel().equals(channel) && !info.isOk())
                .map(info -> info.getMessage() == null ? "failed" : info.getMessage())
                .findFirst();
    }

    private Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = INCOMING.matcher(name);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }
}

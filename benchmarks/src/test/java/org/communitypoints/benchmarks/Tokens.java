package org.communitypoints.benchmarks;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The demo residents' access tokens, fetched once, dealt out in turn to the virtual users. */
final class Tokens {

    private final List<String> tokens = Suite.RESIDENTS.stream().map(Suite::tokenFor).toList();

    Iterator<Map<String, Object>> inTurn() {
        return Stream.iterate(0, i -> (i + 1) % tokens.size()).map(i -> Map.<String, Object> of("token", tokens.get(i)))
                .iterator();
    }
}

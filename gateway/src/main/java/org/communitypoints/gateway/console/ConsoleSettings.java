package org.communitypoints.gateway.console;

/** What the web console's pages need to know before anyone has logged in. */
public record ConsoleSettings(String issuerUrl, String clientId) {
}

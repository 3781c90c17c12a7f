package org.communitypoints.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** A failed end-to-end test prints the end of every service's log beside its own output. */
public final class StackDiagnostics implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try {
            System.out.println("FAILED: " + context.getDisplayName() + ": " + cause);
            System.out.println(Suite.get().logTails(60));
        } catch (Exception e) {
            System.out.println("(no service logs: " + e.getMessage() + ")");
        }
    }
}

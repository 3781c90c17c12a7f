package org.communitypoints.reconciler.client;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * One request to an export, asked again when the gateway asks the caller to slow down (429, after its
 * Retry-After) or a service is briefly unavailable (502/503/504, after 1, 2, 4, 8, 16 s): a nightly job
 * should outlast a rate limit or a restart, not fail on it. Every other failure ends the run.
 */
@ApplicationScoped
public class ExportCalls {

    @Retry(retryOn = TransientExportFailure.class, maxRetries = 5, delay = 1000, jitter = 0, maxDuration = 15, durationUnit = ChronoUnit.MINUTES)
    @CustomBackoff(RetryAfterBackoff.class)
    public <T> T call(String export, Supplier<T> request) {
        T answer;
        try {
            answer = request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                throw new TransientExportFailure("the " + export + " export answered HTTP " + status + " too often",
                        status, retryAfterMillis(e), e);
            }
            String hint = status == 401 || status == 403 ? " (is the reconciler role granted to the service account?)" : "";
            throw new CouldNotRunException("the " + export + " export answered HTTP " + status + hint, status, e);
        } catch (RuntimeException e) {
            // The OIDC client filter asks the realm for the token before the request is sent.
            if (causedBy(e, OidcClientException.class)) {
                throw new CouldNotRunException(
                        "could not get a token for the reconciler service account: " + rootMessage(e), e);
            }
            if (e instanceof ProcessingException) {
                throw new CouldNotRunException("could not read the " + export + " export: " + rootMessage(e), e);
            }
            throw e;
        }
        if (answer == null) {
            throw new CouldNotRunException("the " + export + " export answered with no body");
        }
        return answer;
    }

    private static long retryAfterMillis(WebApplicationException e) {
        String header = e.getResponse().getHeaderString("Retry-After");
        try {
            return header == null ? 0 : Math.max(100, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException notSeconds) {
            return 0; // an HTTP date: fall back to the doubling pauses
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

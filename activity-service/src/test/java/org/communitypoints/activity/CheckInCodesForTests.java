package org.communitypoints.activity;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The check-in code of an earlier time window, computed the way the README describes it (HMAC-SHA256 of the window
 * number with the activity's secret, RFC 4226 truncation to six digits): the API only ever shows the current one.
 */
final class CheckInCodesForTests {

    static final Duration PERIOD = Duration.ofMinutes(2);

    private CheckInCodesForTests() {
    }

    /**
     * Waits until the current window has at least 10 seconds behind and ahead of it, so that "one window ago" is
     * still one window ago when the request arrives.
     */
    static void awayFromAWindowEdge() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long intoWindow = Math.floorMod(Instant.now().toEpochMilli(), PERIOD.toMillis());
            return intoWindow > 10_000 && intoWindow < PERIOD.toMillis() - 10_000;
        });
    }

    static String codeOfWindowsAgo(DataSource dataSource, String activityId, int windowsAgo) throws Exception {
        byte[] secret;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection
                        .prepareStatement("select check_in_secret from activity.activity where id = ?::uuid")) {
            select.setString(1, activityId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                secret = row.getBytes(1);
            }
        }
        long window = Math.floorDiv(Instant.now().toEpochMilli(), PERIOD.toMillis()) - windowsAgo;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}

package org.communitypoints.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The console's accessibility checks in the real browser: axe-core's rules on the page as it is shown (contrast,
 * labels, names, roles), no sideways scrolling at 200 % zoom, and the main actions reachable with the Tab key.
 */
final class Accessibility {

    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final String SCRIPT = load();

    private Accessibility() {
    }

    private static String load() {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException(AXE + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * axe-core's violations of impact serious or critical on the page as it is now, one line each (rule, impact, the
     * first elements it names); empty when there are none. WCAG 2.0/2.1 A and AA rules and axe's best practices.
     */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(ChromeDriver driver) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(SCRIPT);
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(
                """
                        const done = arguments[arguments.length - 1];
                        axe.run(document, { resultTypes: ['violations'] })
                          .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))))
                          .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
                        """);
        return violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes")).toList();
    }

    /**
     * How many CSS pixels the page is wider than its viewport (0 when it needs no horizontal scrolling). Tables may
     * scroll inside their own box ({@code .table-wrap}), which WCAG 1.4.10 allows for data tables.
     */
    static long horizontalOverflow(ChromeDriver driver) {
        return ((Number) driver.executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"))
                .longValue();
    }

    /**
     * Presses Tab from the start of the page up to {@code maxPresses} times; whether the keyboard focus lands on
     * {@code target} on the way.
     */
    static boolean reachableByTab(ChromeDriver driver, WebElement target, int maxPresses) {
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        for (int i = 0; i < maxPresses; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            if (target.equals(driver.switchTo().activeElement())) {
                return true;
            }
        }
        return false;
    }
}

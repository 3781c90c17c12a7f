package org.communitypoints.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven through its own chromedriver: both paths are given, so Selenium Manager has
 * nothing to find or download. One browser for all the console's tests; each test logs in as the person it plays.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("webconsole.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("webconsole.chromedriver", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String gatewayUrl;

    Browser(String gatewayUrl, Path profile) {
        this.gatewayUrl = gatewayUrl;
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=zh-CN", "--user-data-dir=" + profile.toAbsolutePath(),
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Logs in through the console's own login (authorization code with PKCE against the suite's OIDC provider). */
    void loginAs(String username) {
        driver.get(gatewayUrl + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.get(gatewayUrl + "/");
        WebElement name = waitFor(By.cssSelector("#login input[name=username]"));
        name.sendKeys(username);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        waitFor(By.cssSelector("#nav a[aria-current=page]"));
    }

    void open(String hash) {
        driver.get(gatewayUrl + "/" + hash);
        waitFor(By.cssSelector("#nav a[aria-current=page]"));
    }

    WebElement waitFor(By what) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    WebElement waitForText(By what, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(what, text));
        return driver.findElement(what);
    }

    /** DevTools network emulation: the page sees no network at all, as on a phone in a basement. */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** A phone's viewport (390x844, touch) or back to the desktop window. */
    void phone(boolean phone) {
        if (phone) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 800,
                    "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** A desktop viewport of this many CSS pixels: 640 is a 1280 px window at 200 % zoom. */
    void width(int cssPixels) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", cssPixels, "height", 800,
                "deviceScaleFactor", 1, "mobile", false));
    }

    Path screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}

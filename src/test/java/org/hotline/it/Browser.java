package org.hotline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for the page tests.
 *
 * <p>Both executables are named explicitly ({@link #CHROMIUM}, {@link #CHROMEDRIVER}) so Selenium
 * Manager never looks for a browser or driver on the network. A missing one fails the test with
 * what to install; a page test never skips. Each instance has its own fresh profile in a temp
 * folder (no cookies or storage shared between instances), deleted by {@link #close()}.
 *
 * <p>Waits poll the page until the condition holds or the timeout passes; on timeout they fail
 * with what was expected and what the page showed.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    public Browser() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError(executable + " is missing: the page tests need Debian's headless "
                        + "Chromium and its driver (scripts/test installs chromium and chromium-driver)");
            }
        }
        try {
            profile = Files.createTempDirectory("hotline-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a Chromium profile folder", e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1600,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
    }

    /** The driver, for whatever the helpers here do not cover. */
    public WebDriver driver() {
        return driver;
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Waits for the login form, fills it in and submits it. */
    public Browser login(String username, String password) {
        waitVisible(By.id("login-form"), Duration.ofSeconds(10));
        type(By.id("login-username"), username);
        type(By.id("login-password"), password);
        click(By.id("login-submit"));
        return this;
    }

    /** Waits until the element's visible text contains {@code expected}; returns that text. */
    public String waitForText(By locator, String expected, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout).until(
                    ExpectedConditions.textToBePresentInElementLocated(locator, expected));
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + locator + " to show '" + expected + "' within " + timeout
                    + " but it showed '" + textOrAbsent(locator) + "'", e);
        }
        return text(locator);
    }

    /** Waits until the element is present and displayed. */
    public WebElement waitVisible(By locator, Duration timeout) {
        try {
            return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (TimeoutException e) {
            throw new AssertionError(locator + " not visible within " + timeout
                    + (driver.findElements(locator).isEmpty() ? " (not in the page)" : " (in the page, hidden)"), e);
        }
    }

    /** The element's visible text, trimmed. */
    public String text(By locator) {
        return driver.findElement(locator).getText().strip();
    }

    public Browser click(By locator) {
        waitClickable(locator).click();
        return this;
    }

    /** Chooses the option with this value in a {@code <select>}. */
    public Browser select(By locator, String value) {
        new Select(waitVisible(locator, Duration.ofSeconds(5))).selectByValue(value);
        return this;
    }

    /** Clears the field and types the text. */
    public Browser type(By locator, String text) {
        WebElement field = waitVisible(locator, Duration.ofSeconds(5));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /**
     * The browser console's errors since the last call (JavaScript exceptions, failed loads,
     * Content-Security-Policy violations), one line each; empty when the page is clean.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getMessage())
                .toList();
    }

    /** Saves the page as {@code target/screenshots/<name>.png}; returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /** Quits the browser and the driver and removes the profile; safe to call twice. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private WebElement waitClickable(By locator) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(locator));
        } catch (TimeoutException e) {
            throw new AssertionError(locator + " not clickable within 5 s", e);
        }
    }

    private String textOrAbsent(By locator) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? "(absent)" : found.get(0).getText();
    }

    private void deleteProfile() {
        if (!Files.exists(profile)) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left behind in the temp folder; harmless.
        }
    }
}

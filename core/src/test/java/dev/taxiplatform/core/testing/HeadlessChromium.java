package dev.taxiplatform.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver (both from the {@code chromium} and
 * {@code chromium-driver} packages; `.ci/run` installs them). Nothing is downloaded.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a fresh profile and the given window size. */
  public static HeadlessChromium start(int width, int height) {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError(
          "Browser tests need Debian's Chromium and its driver: apt-get install chromium chromium-driver"
              + " (.ci/run installs them).");
    }
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BROWSER.toString());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=%d,%d".formatted(width, height),
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      return new HeadlessChromium(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves a screenshot of the page as a PNG (a test artefact). */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }
}

package dev.invokerguard.samples.enduser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * driven by Selenium opens the page, signs in locally and calls the API on its other origin, so that the
 * browser itself sends the CORS preflights and reads the guard's answers. The driver and browser paths are
 * given, so Selenium Manager never looks for (or downloads) either. A screenshot of each step goes to
 * {@code target/screenshots/}.
 */
class BrowserIT {
  // Debian's packages; other systems may point elsewhere with -Dbrowser.chromium / -Dbrowser.chromedriver
  static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
  // generous: a first key fetch and a cold JVM on a crowded machine; nothing here depends on timing
  private static final Duration WAIT = Duration.ofSeconds(90);

  static SampleProcess sample;
  static ChromeDriverService service;
  static WebDriver browser;
  static Path screenshots;

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeAll
  static void start() throws Exception {
    if (!browserInstalled()) {
      return; // each test is skipped, saying why (an assumption here would hide the skip from the report)
    }
    screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(screenshots);
    sample = SampleProcess.start(Map.of()).awaitListening();
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,900", "--no-first-run", "--disable-extensions");
    browser = new ChromeDriver(service, options);
  }

  @BeforeEach
  void requireBrowser() {
    assumeTrue(browserInstalled(), "the browser test needs Chromium and its driver at " + CHROMIUM + " and "
        + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
      if (service != null) {
        service.stop();
      }
    } finally {
      if (sample != null) {
        sample.close();
      }
    }
  }

  @Test
  void pageWhenUsedInChromiumThenEachCallShowsWhatTheGuardDecided() throws Exception {
    browser.get(sample.pageOrigin() + "/");
    await(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertThat(text("mode")).startsWith("Local mode");
    assertThat(text("user")).isEqualTo("nobody (signed out)");
    screenshot("01-page-loaded");

    call("public");
    assertThat(text("status-public")).isEqualTo("200");
    assertThat(text("principal-public")).isEqualTo("allUsers");
    assertThat(sample.output()).as("a GET without a token needs no preflight")
        .doesNotContain("CORS preflight OPTIONS /api/public/");
    screenshot("02-signed-out-public-200");

    signIn("sign-in-alice", "alice@example.com");
    call("me");
    assertThat(text("status-me")).isEqualTo("200");
    assertThat(text("principal-me")).isEqualTo("user:alice@example.com");
    assertThat(text("detail-me")).contains("firebase:aL1ceQ9pZ3rT6vY8wB2nM5kJ7hG4", "signed in with password");
    sample.awaitOutput(out -> out.contains("CORS preflight OPTIONS /api/me from " + sample.pageOrigin()
        + " (Access-Control-Request-Headers: authorization): 200"));
    screenshot("03-alice-me-200");

    call("admin");
    assertThat(text("status-admin")).isEqualTo("403");
    assertThat(text("detail-admin")).contains("user:alice@example.com is not granted access");
    screenshot("04-alice-admin-403");

    signIn("sign-in-admin", LocalIssuer.ADMIN_EMAIL);
    call("admin");
    assertThat(text("status-admin")).isEqualTo("200");
    assertThat(text("detail-admin")).contains("firebase:" + LocalIssuer.ADMIN_UID);
    screenshot("05-admin-uid-admin-200");

    signIn("sign-in-expired", "alice@example.com");
    assertThat(text("user")).contains("token expired");
    call("me");
    assertThat(text("status-me")).isEqualTo("401");
    assertThat(text("detail-me")).contains("The token has expired.", "error=\"invalid_token\"");
    screenshot("06-expired-token-401");
  }

  private static void signIn(String button, String email) {
    String before = text("user");
    browser.findElement(By.id(button)).click();
    await(d -> !text("user").equals(before) || text("sign-in-error").length() > 0);
    assertThat(text("sign-in-error")).isEmpty();
    assertThat(text("user")).startsWith(email);
  }

  private static void call(String name) {
    WebElement row = browser.findElement(By.id("row-" + name));
    String calls = row.getDomAttribute("data-calls");
    String after = Integer.toString(calls == null ? 1 : Integer.parseInt(calls) + 1);
    browser.findElement(By.id("call-" + name)).click();
    await(d -> after.equals(row.getDomAttribute("data-calls")));
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static void await(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, WAIT).until(condition::apply);
  }

  private static void screenshot(String name) throws Exception {
    File file = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(file.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}

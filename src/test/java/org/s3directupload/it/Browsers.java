package org.s3directupload.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and ChromeDriver, headless, given explicitly so that nothing is downloaded. The
 * README's test command installs both when they are missing.
 */
public final class Browsers {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browsers() {}

  public static ChromeDriver headlessChromium() throws IOException {
    return headlessChromium(new String[0]);
  }

  /** As above, with more command-line switches, e.g. {@code --js-flags=--expose-gc}. */
  public static ChromeDriver headlessChromium(String... moreArguments) throws IOException {
    for (String executable : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!new File(executable).canExecute()) {
        throw new IllegalStateException(
            executable
                + " is missing: install Debian's chromium and chromium-driver (.ci/run does).");
      }
    }
    Path home = Files.createTempDirectory("chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
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
        "--window-size=1200,900",
        "--user-data-dir=" + home.resolve("profile"));
    options.addArguments(moreArguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .withEnvironment(
                Map.of(
                    "XDG_CONFIG_HOME", home.resolve("config").toString(),
                    "XDG_CACHE_HOME", home.resolve("cache").toString()))
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * Signs {@code person} in through the sign-in form, as a person would, and waits until the
   * application has sent the browser on to {@code next}.
   *
   * @param next a page of the application, e.g. {@code index.xhtml}
   */
  public static void signIn(ChromeDriver browser, TheApp app, People person, String next) {
    signIn(browser, app, person.username(), person.password(), next);
  }

  /** As above, for someone who is not one of the test {@link People}. */
  public static void signIn(
      ChromeDriver browser, TheApp app, String name, String password, String next) {
    browser.get(app.resolve("login.xhtml?next=/" + next).toString());
    browser.findElement(By.id("login:name")).sendKeys(name);
    browser.findElement(By.id("login:password")).sendKeys(password);
    browser.findElement(By.id("login:submit")).click();
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .withMessage(
            () ->
                "not signed in; the browser shows "
                    + browser.getCurrentUrl()
                    + "\n"
                    + browser.getPageSource())
        .until(driver -> !driver.findElements(By.id("signed-in-as")).isEmpty());
  }
}

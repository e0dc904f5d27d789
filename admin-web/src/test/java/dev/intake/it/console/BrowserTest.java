package dev.intake.it.console;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/** A console test: each test method gets a fresh headless Chromium, closed when it ends. */
abstract class BrowserTest {

    protected ChromeDriver driver;

    /** Where this test's browser saves downloads. */
    protected Path downloads;

    @BeforeEach
    void openBrowser() throws Exception {
        downloads = Files.createTempDirectory("intake-downloads-");
        driver = Browser.start(downloads);
    }

    @AfterEach
    void closeBrowser() {
        driver.quit();
    }
}

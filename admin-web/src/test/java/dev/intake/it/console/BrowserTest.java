package dev.intake.it.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/** A console test: each test method gets a fresh headless Chromium, closed when it ends. */
abstract class BrowserTest {

    protected ChromeDriver driver;

    @BeforeEach
    void openBrowser() throws Exception {
        driver = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        driver.quit();
    }
}

package dev.intake.it.console;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the start page: the list of apps, and the top bar every page shares. */
final class AppsScreen {

    private final WebDriver driver;

    AppsScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }

    String signedInUser() {
        return driver.findElement(By.id("signed-in-user")).getText();
    }

    /** The links of the top bar's settings navigation that this user sees, by id. */
    List<String> settingsLinks() {
        return driver.findElements(By.cssSelector(".admin-nav a")).stream().map(link -> link.getAttribute("id"))
                .toList();
    }

    AppScreen openApp(String label) {
        driver.findElement(By.linkText(label)).click();
        return new AppScreen(driver);
    }
}

package dev.intake.it.console;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of an app's page: its records, the Import button at the top right and the history link. */
final class AppScreen {

    private final WebDriver driver;

    AppScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("app-title")));
    }

    String title() {
        return driver.findElement(By.id("app-title")).getText();
    }

    List<WebElement> recordRows() {
        return driver.findElements(By.cssSelector("[id='records-form:records_data'] tr[data-ri]"));
    }

    WebElement importButton() {
        return driver.findElement(By.id("import-button"));
    }

    boolean hasImportButton() {
        return !driver.findElements(By.id("import-button")).isEmpty();
    }

    boolean hasHistoryLink() {
        return !driver.findElements(By.id("history-link")).isEmpty();
    }

    ImportScreen clickImport() {
        importButton().click();
        return new ImportScreen(driver);
    }

    HistoryScreen openHistory() {
        driver.findElement(By.id("history-link")).click();
        return new HistoryScreen(driver);
    }
}

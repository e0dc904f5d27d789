package dev.intake.it.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the audit trail (administrators). */
final class AuditScreen {

    private final WebDriver driver;

    AuditScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("audit-title")));
    }

    static AuditScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/audit.xhtml").toString());
        return new AuditScreen(driver);
    }

    /** The action column of the current page, newest first. */
    List<String> actions() {
        return driver.findElements(By.cssSelector("[id='audit-form:events_data'] td.col-action")).stream()
                .map(cell -> cell.getText().strip()).toList();
    }
}

package dev.intake.it.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of an app's import history table. */
final class HistoryScreen {

    private static final List<String> COLUMNS = List.of("file", "kind", "status", "processed", "added", "updated",
            "unchanged", "failed", "created-by", "started", "finished", "kept-until");

    private final WebDriver driver;

    HistoryScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("history-title")));
    }

    String title() {
        return driver.findElement(By.id("history-title")).getText();
    }

    /** Every row of the table's current page, as column name to text, newest first. */
    List<Map<String, String>> rows() {
        return driver.findElements(By.cssSelector("[id='history-form:history_data'] tr[data-ri]")).stream()
                .map(HistoryScreen::read).toList();
    }

    private static Map<String, String> read(WebElement row) {
        return COLUMNS.stream().collect(Collectors.toMap(column -> column,
                column -> row.findElement(By.cssSelector("td.col-" + column)).getText().strip()));
    }
}

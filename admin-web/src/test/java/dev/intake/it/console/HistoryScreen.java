package dev.intake.it.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of an app's import history: its filters and its table. */
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

    /**
     * Every row of the table's current page, as column name to text, newest first. While an import runs the page
     * renders the table again every few seconds, so a read that meets a replaced row reads again.
     */
    List<Map<String, String>> rows() {
        for (int attempt = 1;; attempt++) {
            try {
                return driver.findElements(By.cssSelector("[id='history-form:history_data'] tr[data-ri]")).stream()
                        .map(HistoryScreen::read).toList();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    private static Map<String, String> read(WebElement row) {
        return COLUMNS.stream().collect(Collectors.toMap(column -> column,
                column -> row.findElement(By.cssSelector("td.col-" + column)).getText().strip()
                        .replaceAll("\\s*\\d+%$", "")));
    }

    /** The progress bars shown in the table, as the percentages their labels show (PrimeFaces hides it at 0 %). */
    List<Integer> progress() {
        for (int attempt = 1;; attempt++) {
            try {
                return driver.findElements(By.cssSelector("[id='history-form:history_data'] .job-progress"))
                        .stream().map(bar -> bar.getText().replaceAll("\\D", ""))
                        .map(digits -> digits.isEmpty() ? 0 : Integer.parseInt(digits)).toList();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    /** Whether the page polls for moving counters right now. */
    boolean isPolling() {
        Object active = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return !!(PF('historyPoll') && PF('historyPoll').isActive());");
        return Boolean.TRUE.equals(active);
    }

    HistoryScreen filterStatus(String status) {
        new Select(driver.findElement(By.id("filter-form:filter-status"))).selectByVisibleText(status);
        return this;
    }

    HistoryScreen filterUser(String user) {
        new Select(driver.findElement(By.id("filter-form:filter-user"))).selectByVisibleText(user);
        return this;
    }

    HistoryScreen filterDays(String from, String to) {
        type("filter-form:filter-from", from);
        type("filter-form:filter-to", to);
        return this;
    }

    private void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    HistoryScreen applyFilter() {
        driver.findElement(By.id("filter-form:apply-filter")).click();
        Ajax.settle(driver);
        return this;
    }

    HistoryScreen clearFilter() {
        driver.findElement(By.id("filter-form:clear-filter")).click();
        Ajax.settle(driver);
        return this;
    }

    /** The message shown next to a filter input, such as a date that is not one. */
    String filterMessage(String input) {
        return driver.findElement(By.id("filter-form:" + input + "-message")).getText();
    }

    ImportDetailScreen openImport(String fileName) {
        driver.findElement(By.linkText(fileName)).click();
        return new ImportDetailScreen(driver);
    }
}

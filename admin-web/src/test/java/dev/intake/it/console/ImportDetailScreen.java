package dev.intake.it.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of one import's detail page: counts, facts, failed rows, errors.csv, results.csv, Cancel, Undo. */
final class ImportDetailScreen {

    private final WebDriver driver;

    ImportDetailScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("detail-title")));
    }

    String title() {
        return driver.findElement(By.id("detail-title")).getText();
    }

    String status() {
        return text(By.id("job-status"));
    }

    /** A counter: processed, added, updated or failed. */
    int count(String name) {
        return Integer.parseInt(text(By.id("count-" + name)));
    }

    /** An element's text; the page's poll may replace the element between finding and reading it, so retry. */
    private String text(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText().strip());
    }

    /** A fact by its id without the "job-" prefix: encoding, created-by, started, ... */
    String fact(String name) {
        return driver.findElement(By.id("job-" + name)).getText().strip();
    }

    /** An option the import was read with, such as delimiter or maxErrors. */
    String option(String name) {
        return driver.findElement(By.cssSelector(".option-" + name)).getText().strip();
    }

    String message() {
        List<WebElement> message = driver.findElements(By.id("detail-form:job-message"));
        return message.isEmpty() ? "" : message.get(0).getText().strip();
    }

    /** The failed rows of the current page, as line, column, value, code and reason. */
    List<Map<String, String>> failedRows() {
        return driver.findElements(By.cssSelector("[id='detail-form:failed-rows_data'] tr[data-ri]")).stream()
                .map(row -> Map.of("line", cell(row, "line"), "column", cell(row, "column"), "value",
                        cell(row, "value"), "code", cell(row, "code"), "reason", cell(row, "reason"))).toList();
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td.col-" + column)).getText().strip();
    }

    /** Turns the failed rows' table to its next page. */
    ImportDetailScreen nextFailedRowsPage() {
        driver.findElement(By.cssSelector("[id='detail-form:failed-rows'] .ui-paginator-next")).click();
        Ajax.settle(driver);
        return this;
    }

    boolean canCancel() {
        return !driver.findElements(By.id("detail-form:cancel")).isEmpty();
    }

    /** Presses Cancel and confirms. */
    ImportDetailScreen cancel() {
        driver.findElement(By.id("detail-form:cancel")).click();
        WebElement yes = new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.elementToBeClickable(By.id("detail-form:confirm-yes")));
        yes.click();
        Ajax.settle(driver);
        return this;
    }

    /** Waits until the page, polling, shows the import ended with the given status. */
    ImportDetailScreen awaitStatus(String status) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> status().equals(status));
        return this;
    }

    boolean canUndo() {
        return !driver.findElements(By.id("detail-form:undo")).isEmpty();
    }

    /** Presses Undo (ticking "also revert records changed since" when forced), confirms, and opens the undo's page. */
    ImportDetailScreen undo(boolean force) {
        String before = driver.getCurrentUrl();
        if (force) {
            driver.findElement(By.cssSelector("[id='detail-form:force-undo'] .ui-chkbox-box")).click();
        }
        driver.findElement(By.id("detail-form:undo")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.elementToBeClickable(By.id("detail-form:confirm-yes"))).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().equals(before));
        return new ImportDetailScreen(driver);
    }

    /** Presses Undo, confirms, and answers the refusal that appears next to the button. */
    String undoRefused() {
        driver.findElement(By.id("detail-form:undo")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.elementToBeClickable(By.id("detail-form:confirm-yes"))).click();
        Ajax.settle(driver);
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            String text = d.findElement(By.id("detail-form:undo-message")).getText().strip();
            return text.isEmpty() ? null : text;
        });
    }

    /** The id of the import this page shows, from its address. */
    String id() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf("id=") + 3).replaceAll("[&#].*", "");
    }

    /** For an undo: opens the page of the import it undid. */
    ImportDetailScreen openUndoOf() {
        driver.findElement(By.id("detail-form:undo-of")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> !d.findElements(By.id("detail-form:undone-by")).isEmpty());
        return new ImportDetailScreen(driver);
    }

    /** For an undone import: the id of the undo that undid it. */
    String undoneBy() {
        return driver.findElement(By.id("detail-form:undone-by")).getText().strip();
    }

    /** Clicks "Download results.csv" and answers the downloaded file's text. */
    String downloadResults(Path downloads) throws Exception {
        driver.findElement(By.id("download-results")).click();
        Path file = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> completedCsv(downloads));
        return Files.readString(file);
    }

    /** Clicks "Download errors.csv" and answers the downloaded file's text once the browser has saved it. */
    String downloadErrors(Path downloads) throws Exception {
        driver.findElement(By.id("download-errors")).click();
        Path file = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> completedCsv(downloads));
        return Files.readString(file);
    }

    static Path completedCsv(Path downloads) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.intake.it.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the manual import: the upload, then the mapping review and Start import. */
final class ImportScreen {

    private final WebDriver driver;

    ImportScreen(WebDriver driver) {
        this.driver = driver;
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("import-title")));
    }

    static ImportScreen open(WebDriver driver, URI base, String entity) {
        driver.get(base.resolve("/import.xhtml?entity=" + entity).toString());
        return new ImportScreen(driver);
    }

    /** Uploads the file; the form posts the whole page, so this waits until the answer has replaced it. */
    ImportScreen upload(Path file) {
        WebElement before = driver.findElement(By.id("import-title"));
        driver.findElement(By.cssSelector("[id='upload-form'] input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-form:upload")).click();
        Ajax.awaitReplaced(driver, before);
        return new ImportScreen(driver);
    }

    String uploadMessage() {
        return driver.findElement(By.id("upload-form:file-message")).getText();
    }

    boolean isReviewing() {
        return !driver.findElements(By.id("mapping-form:mapping")).isEmpty();
    }

    List<WebElement> columnRows() {
        return driver.findElements(By.cssSelector("[id='mapping-form:mapping_data'] tr[data-ri]"));
    }

    String header(int column) {
        return columnRows().get(column).findElement(By.cssSelector("td.col-header")).getText().strip();
    }

    String samples(int column) {
        return columnRows().get(column).findElement(By.cssSelector("td.col-sample")).getText().strip();
    }

    boolean isUnmapped(int column) {
        return columnRows().get(column).getAttribute("class").contains("unmapped");
    }

    /** The red background the unmapped class gives, as the browser computes it. */
    String background(int column) {
        return columnRows().get(column).findElement(By.cssSelector("td.col-header")).getCssValue("background-color");
    }

    String chosenField(int column) {
        return fieldSelect(column).getFirstSelectedOption().getAttribute("value");
    }

    /** Maps a column to a field by its name, or ignores it with an empty name; waits for the ajax update. */
    void mapColumn(int column, String fieldName) {
        WebElement before = columnRows().get(column);
        fieldSelect(column).selectByValue(fieldName);
        Ajax.awaitReplaced(driver, before);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("mapping-form:mapping:" + column
                + ":field")));
    }

    String missingRequired() {
        return driver.findElement(By.id("mapping-form:missing")).getText().strip();
    }

    String mappingMessage() {
        return driver.findElement(By.id("mapping-form:mapping-message")).getText();
    }

    /** Presses Start import where the mapping is refused: the review renders again with the refusal. */
    ImportScreen startRefused() {
        WebElement table = driver.findElement(By.id("mapping-form:mapping"));
        driver.findElement(By.id("mapping-form:start")).click();
        Ajax.awaitReplaced(driver, table);
        return new ImportScreen(driver);
    }

    void abandon() {
        WebElement table = driver.findElement(By.id("mapping-form:mapping"));
        driver.findElement(By.id("mapping-form:abandon")).click();
        Ajax.awaitReplaced(driver, table);
    }

    HistoryScreen start() {
        driver.findElement(By.id("mapping-form:start")).click();
        return new HistoryScreen(driver);
    }

    private Select fieldSelect(int column) {
        return new Select(driver.findElement(By.id("mapping-form:mapping:" + column + ":field")));
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }
}

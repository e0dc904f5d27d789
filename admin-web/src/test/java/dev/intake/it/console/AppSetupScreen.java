package dev.intake.it.console;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of App setup: the list of apps, and the editor of one app's label, fields and match rules. */
final class AppSetupScreen {

    private final WebDriver driver;

    private AppSetupScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("setup-title")));
    }

    static AppSetupScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/app-setup.xhtml").toString());
        return new AppSetupScreen(driver);
    }

    /** The keys of the listed apps. */
    List<String> apps() {
        return driver.findElements(By.cssSelector("[id='apps-form:apps_data'] td.col-entity")).stream()
                .map(cell -> cell.getText().strip()).toList();
    }

    AppSetupScreen startNew() {
        driver.findElement(By.id("apps-form:new-app")).click();
        awaitEditor();
        return this;
    }

    AppSetupScreen edit(String entity) {
        appRow(entity).findElement(By.cssSelector("[id$=':edit-app']")).click();
        awaitEditor();
        return this;
    }

    private WebElement appRow(String entity) {
        return driver.findElements(By.cssSelector("[id='apps-form:apps_data'] tr[data-ri]")).stream()
                .filter(row -> row.findElement(By.cssSelector("td.col-entity")).getText().strip().equals(entity))
                .findFirst().orElseThrow(() -> new AssertionError("No app " + entity + " listed"));
    }

    private void awaitEditor() {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("app-form:label")));
        Ajax.settle(driver);
    }

    AppSetupScreen entity(String entity) {
        type(By.id("app-form:entity"), entity);
        return this;
    }

    AppSetupScreen label(String label) {
        type(By.id("app-form:label"), label);
        return this;
    }

    String label() {
        return driver.findElement(By.id("app-form:label")).getAttribute("value");
    }

    /** Fills the field of row {@code row} (0 first); null leaves an input as it is. */
    AppSetupScreen field(int row, String name, String label, String type, boolean required) {
        String prefix = "app-form:fields:" + row + ":";
        if (name != null) {
            type(By.id(prefix + "field-name"), name);
        }
        if (label != null) {
            type(By.id(prefix + "field-label"), label);
        }
        new Select(driver.findElement(By.id(prefix + "field-type"))).selectByVisibleText(type);
        WebElement box = driver.findElement(By.id(prefix + "field-required"));
        if (box.isSelected() != required) {
            box.click();
        }
        return this;
    }

    AppSetupScreen maxLength(int row, String maxLength) {
        type(By.id("app-form:fields:" + row + ":field-max-length"), maxLength);
        return this;
    }

    String fieldName(int row) {
        return driver.findElement(By.id("app-form:fields:" + row + ":field-name")).getAttribute("value");
    }

    boolean fieldRequired(int row) {
        return driver.findElement(By.id("app-form:fields:" + row + ":field-required")).isSelected();
    }

    int fieldRows() {
        return driver.findElements(By.cssSelector("[id='app-form:fields_data'] tr[data-ri]")).size();
    }

    AppSetupScreen addField() {
        driver.findElement(By.id("app-form:add-field")).click();
        Ajax.settle(driver);
        return this;
    }

    AppSetupScreen matchRules(String rules) {
        type(By.id("app-form:match-rules"), rules);
        return this;
    }

    String matchRules() {
        return driver.findElement(By.id("app-form:match-rules")).getAttribute("value");
    }

    AppSetupScreen save() {
        driver.findElement(By.id("app-form:save")).click();
        Ajax.settle(driver);
        return this;
    }

    /** The message next to an input of the editor, by the input's client id without the form's. */
    String messageFor(String input) {
        List<WebElement> message = driver.findElements(By.id("app-form:" + input + "-message"));
        return message.isEmpty() ? "" : message.get(0).getText().strip();
    }

    /** Downloads an app's template through its link and answers the file's text. */
    String downloadTemplate(String entity, Path downloads) throws Exception {
        appRow(entity).findElement(By.cssSelector("[id$=':download-template']")).click();
        Path file = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> ImportDetailScreen.completedCsv(downloads));
        return Files.readString(file);
    }

    private void type(By input, String text) {
        WebElement element = driver.findElement(input);
        element.clear();
        element.sendKeys(text);
    }
}

package dev.intake.it.console;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the roles and permissions matrix (administrators). */
final class RolesScreen {

    private final WebDriver driver;

    RolesScreen(WebDriver driver) {
        this.driver = driver;
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("roles-title")));
    }

    static RolesScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/roles.xhtml").toString());
        return new RolesScreen(driver);
    }

    void create(String name, String description) {
        WebElement matrix = driver.findElement(By.id("matrix"));
        driver.findElement(By.id("create-role-form:role-name")).sendKeys(name);
        driver.findElement(By.id("create-role-form:role-description")).sendKeys(description);
        driver.findElement(By.id("create-role-form:create-role")).click();
        Ajax.awaitReplaced(driver, matrix);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-role='" + name + "']")));
    }

    /** The checkbox of one right ("import" or "history") of a role on an app, "*" for all apps. */
    WebElement right(String role, String entity, String right) {
        return driver.findElement(By.cssSelector("input[data-role='" + role + "'][data-entity='" + entity
                + "'][data-right='" + right + "']"));
    }

    void tick(String role, String entity, String right) {
        WebElement box = right(role, entity, right);
        if (!box.isSelected()) {
            // A matrix with many apps scrolls sideways; the role's sticky Save column may cover its edge.
            ((JavascriptExecutor) driver).executeScript(
                    "arguments[0].scrollIntoView({block: 'center', inline: 'center'})", box);
            box.click();
        }
    }

    /** Saves a role's row and answers the message the matrix shows. */
    String save(String role) {
        WebElement matrix = driver.findElement(By.id("matrix"));
        driver.findElement(By.cssSelector("tr[data-role='" + role + "'] td.row-actions button")).click();
        Ajax.awaitReplaced(driver, matrix);
        return driver.findElement(By.id("roles-form:matrix-message")).getText();
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }
}

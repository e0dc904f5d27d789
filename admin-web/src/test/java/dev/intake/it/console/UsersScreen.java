package dev.intake.it.console;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the users screen (administrators). */
final class UsersScreen {

    private final WebDriver driver;

    UsersScreen(WebDriver driver) {
        this.driver = driver;
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("users-title")));
    }

    static UsersScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/users.xhtml").toString());
        return new UsersScreen(driver);
    }

    /** Fills the create form and submits it; answers the messages of the form once it has rendered again. */
    String create(String username, String password, String... roles) {
        WebElement form = driver.findElement(By.id("create-form"));
        driver.findElement(By.id("create-form:username")).sendKeys(username);
        driver.findElement(By.id("create-form:password")).sendKeys(password);
        for (String role : roles) {
            driver.findElement(By.cssSelector("[id='create-form:roles'] input[value='" + role + "']")).click();
        }
        driver.findElement(By.id("create-form:create-user")).click();
        Ajax.awaitReplaced(driver, form);
        return driver.findElement(By.id("create-form")).getText();
    }

    String passwordMessage() {
        return driver.findElement(By.id("create-form:password-message")).getText();
    }

    /** The roles column of a user's row, or null when the user is not listed. */
    String rolesOf(String username) {
        return driver.findElements(By.cssSelector("[id='users-form:users_data'] tr[data-ri]")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("td.col-username")).getText().strip().equals(username))
                .map(tr -> tr.findElement(By.cssSelector("td.col-roles")).getText().strip())
                .findFirst().orElse(null);
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }
}

package dev.intake.it.console;

import java.net.URI;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Page object of the sign-in form. */
final class LoginScreen {

    private final WebDriver driver;

    LoginScreen(WebDriver driver) {
        this.driver = driver;
    }

    static LoginScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/login.xhtml").toString());
        return new LoginScreen(driver);
    }

    AppsScreen signIn(String username, String password) {
        submit(username, password);
        return new AppsScreen(driver);
    }

    void submit(String username, String password) {
        driver.findElement(By.id("login-form:username")).sendKeys(username);
        driver.findElement(By.id("login-form:password")).sendKeys(password);
        driver.findElement(By.id("login-form:sign-in")).click();
    }

    String errorText() {
        return driver.findElement(By.id("login-form")).getText();
    }
}

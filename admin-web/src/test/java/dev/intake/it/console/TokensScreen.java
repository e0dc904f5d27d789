package dev.intake.it.console;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the API tokens screen. */
final class TokensScreen {

    private final WebDriver driver;

    TokensScreen(WebDriver driver) {
        this.driver = driver;
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("tokens-title")));
    }

    static TokensScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/tokens.xhtml").toString());
        return new TokensScreen(driver);
    }

    /** Creates a token and answers the secret the screen shows once. */
    String create(String name) {
        driver.findElement(By.id("tokens-form:name")).sendKeys(name);
        driver.findElement(By.id("tokens-form:create")).click();
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token-value")))
                .getAttribute("value");
    }

    /** The secret on show, if any. */
    Optional<String> shownToken() {
        return driver.findElements(By.id("new-token-value")).stream().findFirst().map(e -> e.getAttribute("value"));
    }

    /** The callback secret on show with a new token, if any. */
    Optional<String> shownCallbackSecret() {
        return driver.findElements(By.id("new-callback-secret")).stream().findFirst()
                .map(e -> e.getAttribute("value"));
    }

    String status(String tokenName) {
        return row(tokenName).findElement(By.cssSelector("td.col-status")).getText().strip();
    }

    /** Presses Revoke on the token's row and confirms in the dialog. */
    void revoke(String tokenName) {
        WebElement row = row(tokenName);
        row.findElement(By.cssSelector("button[id$=':revoke']")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("tokens-form:confirm-yes"))).click();
        Ajax.awaitReplaced(driver, row);
    }

    private WebElement row(String tokenName) {
        return driver.findElements(By.cssSelector("[id='tokens-form:tokens_data'] tr[data-ri]")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("td.col-name")).getText().strip().equals(tokenName))
                .findFirst().orElseThrow(() -> new AssertionError("No token row " + tokenName));
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }
}

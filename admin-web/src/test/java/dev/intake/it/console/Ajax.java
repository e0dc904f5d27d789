package dev.intake.it.console;

import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits for the console's pages and their ajax requests, so that a page object reads what they rendered. */
final class Ajax {

    private Ajax() {
    }

    static void settle(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && (!window.PrimeFaces"
                        + " || PrimeFaces.ajax.Queue.isEmpty()) && (!window.jQuery || jQuery.active === 0);")));
    }

    /**
     * Waits until an element that a post or an ajax update renders again has left the page.
     *
     * <p>Selenium's {@code stalenessOf} only knows the stale-element error. While the browser swaps one document
     * for the next, chromedriver answers a question about an element of the old document with an "unknown error"
     * saying the node does not belong to the document instead, which means the same thing here.
     */
    static void awaitReplaced(WebDriver driver, WebElement before) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> hasLeftThePage(before));
    }

    private static boolean hasLeftThePage(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException replaced) {
            return true;
        } catch (WebDriverException swapping) {
            if (String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw swapping;
        }
    }
}

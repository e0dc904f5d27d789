package dev.intake.it.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/** Page object of the console's error page, and the HTTP status behind it. */
final class ErrorScreen {

    private final WebDriver driver;
    private final int status;

    private ErrorScreen(WebDriver driver, int status) {
        this.driver = driver;
        this.status = status;
    }

    /**
     * Opens a console URL in the browser, and asks for it once more over plain HTTP with the browser's session
     * cookie, because a browser does not tell the status it got.
     */
    static ErrorScreen open(WebDriver driver, URI base, String path) throws Exception {
        URI url = base.resolve(path);
        driver.get(url.toString());
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session.getValue());
        }
        int status = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        return new ErrorScreen(driver, status);
    }

    int status() {
        return status;
    }

    boolean showsForbidden() {
        return !driver.findElements(By.id("forbidden")).isEmpty();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }
}

package dev.intake.it.console;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the dashboard: per app, a chart of imports per day and one of rows per day. */
final class DashboardScreen {

    private final WebDriver driver;

    private DashboardScreen(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-title")));
        Ajax.settle(driver);
    }

    static DashboardScreen open(WebDriver driver, URI base) {
        driver.get(base.resolve("/dashboard.xhtml").toString());
        return new DashboardScreen(driver);
    }

    /** The Chart.js configuration the page gave a chart: "imports" or "rows" of an app. */
    JsonObject chart(String which, String entity) {
        String widget = which + "Chart_" + entity;
        Object config = ((JavascriptExecutor) driver).executeScript("var c = PF('" + widget + "').cfg.config;"
                + " return typeof c === 'string' ? c : JSON.stringify(c);");
        return Json.createReader(new StringReader((String) config)).readObject();
    }

    /** Scrolls an app's charts into view. */
    void show(String entity) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('dash-" + entity
                + "').scrollIntoView();");
    }

    /** Whether Chart.js has drawn the chart on its canvas. */
    boolean isDrawn(String which, String entity) {
        Object drawn = ((JavascriptExecutor) driver).executeScript("var w = PF('" + which + "Chart_" + entity
                + "'); return !!(w && w.chart);");
        return Boolean.TRUE.equals(drawn);
    }

    /** A total over the 90 days shown above an app's charts: imports, added, updated or failed. */
    long total(String entity, String which) {
        return Long.parseLong(driver.findElement(By.cssSelector("#dash-" + entity + " .total-" + which)).getText()
                .strip());
    }
}

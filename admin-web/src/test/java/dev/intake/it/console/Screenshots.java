package dev.intake.it.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Screenshots of the console for the README, taken during a test run only when {@code -Dintake.screenshots=<dir>}
 * names where they go; otherwise nothing is written.
 */
final class Screenshots {

    private Screenshots() {
    }

    static void take(WebDriver driver, String name) throws Exception {
        String directory = System.getProperty("intake.screenshots", "");
        if (directory.isBlank()) {
            return;
        }
        Path target = Paths.get(directory).resolve(name + ".png");
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

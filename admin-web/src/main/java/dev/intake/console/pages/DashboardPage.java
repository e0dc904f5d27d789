package dev.intake.console.pages;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.importing.DailyImports;
import dev.intake.domain.importing.ImportActivity;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Imports per day and the rows they added, updated and failed over the last 90 days, one pair of charts per app
 * the user may see the history of. The database sums per day; this page only lays the sums out for Chart.js
 * (PrimeFaces' {@code p:chart}, whose script is served from the application itself).
 */
@Named("dashboard")
@ViewScoped
public class DashboardPage implements Serializable {

    static final int DAYS = 90;

    private static final long serialVersionUID = 1L;

    @Inject
    transient ImportActivity activity;

    @Inject
    transient ConsoleSession console;

    @Inject
    transient ConsoleAccess access;

    @Inject
    transient Clock clock;

    private List<AppActivity> apps = List.of();

    /** Called by the view's viewAction. */
    public void load() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> days = today.minusDays(DAYS - 1L).datesUntil(today.plusDays(1)).toList();
        apps = console.getApps().stream().filter(app -> access.canViewHistory(app.entity()))
                .map(app -> AppActivity.of(app, days, activity.perDay(app.entity(), DAYS))).toList();
    }

    public List<AppActivity> getApps() {
        return apps;
    }

    /** One app's charts, as the JSON configurations Chart.js draws, and the totals over the period. */
    public record AppActivity(String entity, String label, String importsChart, String rowsChart, long imports,
            long added, long updated, long failed) implements Serializable {

        static AppActivity of(AppDefinition app, List<LocalDate> days, List<DailyImports> sums) {
            Map<LocalDate, DailyImports> byDay = sums.stream()
                    .collect(Collectors.toMap(DailyImports::day, sum -> sum));
            String imports = chart(days, false, dataset("Imports", "#3b82f6", days, byDay, DailyImports::imports));
            String rows = chart(days, true, dataset("Added", "#22c55e", days, byDay, DailyImports::added),
                    dataset("Updated", "#6366f1", days, byDay, DailyImports::updated),
                    dataset("Failed", "#ef4444", days, byDay, DailyImports::failed));
            return new AppActivity(app.entity(), app.label(), imports, rows, total(sums, DailyImports::imports),
                    total(sums, DailyImports::added), total(sums, DailyImports::updated),
                    total(sums, DailyImports::failed));
        }

        private static long total(List<DailyImports> sums, ToLongFunction<DailyImports> value) {
            return sums.stream().mapToLong(value).sum();
        }

        private static JsonObjectBuilder dataset(String label, String colour, List<LocalDate> days,
                Map<LocalDate, DailyImports> byDay, ToLongFunction<DailyImports> value) {
            JsonArrayBuilder data = Json.createArrayBuilder();
            days.forEach(day -> data.add(byDay.containsKey(day) ? value.applyAsLong(byDay.get(day)) : 0));
            return Json.createObjectBuilder().add("label", label).add("backgroundColor", colour).add("data", data);
        }

        private static String chart(List<LocalDate> days, boolean stacked, JsonObjectBuilder... datasets) {
            JsonArrayBuilder labels = Json.createArrayBuilder();
            days.forEach(day -> labels.add(day.toString()));
            JsonArrayBuilder sets = Json.createArrayBuilder();
            for (JsonObjectBuilder set : datasets) {
                sets.add(set);
            }
            JsonObjectBuilder axis = Json.createObjectBuilder().add("stacked", stacked);
            return Json.createObjectBuilder().add("type", "bar")
                    .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", sets))
                    .add("options", Json.createObjectBuilder().add("animation", false).add("responsive", true)
                            .add("maintainAspectRatio", false)
                            .add("scales", Json.createObjectBuilder().add("x", axis)
                                    .add("y", Json.createObjectBuilder().add("stacked", stacked)
                                            .add("beginAtZero", true))))
                    .build().toString();
        }
    }
}

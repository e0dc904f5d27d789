package dev.intake.domain.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads dates and date-times strictly: ISO-8601 always, plus the import's own date pattern when it has one. A date
 * that does not exist (30 February, month 13) is refused, never rolled over into the next month.
 */
final class DateReader {

    private static final LocalDate EXAMPLE = LocalDate.of(2024, 3, 5);

    private final String pattern;
    private final DateTimeFormatter customDate;
    private final List<DateTimeFormatter> dateTimes = new ArrayList<>();

    /**
     * @param pattern a java.time pattern such as {@code dd/MM/yyyy}, or null for ISO-8601 only
     * @throws ImportRefusedException {@code INVALID_OPTION} when the pattern is not one, or does not describe a
     *     whole date
     */
    DateReader(String pattern, Locale locale) {
        this.pattern = pattern == null || pattern.isBlank() ? null : pattern.strip();
        this.customDate = this.pattern == null ? null : customDate(this.pattern, locale);
        dateTimes.add(dateTime(DateTimeFormatter.ISO_LOCAL_DATE, 'T', locale));
        dateTimes.add(dateTime(DateTimeFormatter.ISO_LOCAL_DATE, ' ', locale));
        if (customDate != null) {
            dateTimes.add(dateTime(customDate, ' ', locale));
        }
    }

    /** The date {@code text} writes, or null when it is not an existing date in an accepted form. */
    LocalDate readDate(String text) {
        LocalDate iso = parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        if (iso != null || customDate == null) {
            return iso;
        }
        return parse(text, customDate);
    }

    /** The canonical ISO-8601 text of the date-time {@code text} writes, keeping its offset; null if none. */
    String readDateTime(String text) {
        for (DateTimeFormatter format : dateTimes) {
            try {
                TemporalAccessor parsed = format.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime offset
                        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(offset)
                        : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(parsed);
            } catch (DateTimeParseException e) {
                continue;
            }
        }
        return null;
    }

    /** The accepted date forms with an example of each, for messages. */
    String dateForms() {
        String iso = "yyyy-MM-dd (such as 2024-03-05)";
        return customDate == null ? iso : iso + " or " + pattern + " (such as " + customDate.format(EXAMPLE) + ")";
    }

    /** The accepted date-time forms, for messages. */
    String dateTimeForms() {
        String forms = "yyyy-MM-ddTHH:mm:ss with an optional offset (such as 2024-03-05T10:15:30Z or "
                + "2024-03-05T10:15:30+01:00), or yyyy-MM-dd HH:mm[:ss]";
        return customDate == null ? forms : forms + ", or " + pattern + " HH:mm[:ss]";
    }

    private static LocalDate parse(String text, DateTimeFormatter format) {
        try {
            return LocalDate.from(format.parse(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static DateTimeFormatter customDate(String pattern, Locale locale) {
        DateTimeFormatter format;
        try {
            format = DateTimeFormatter.ofPattern(prolepticYears(pattern), locale)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw invalidPattern(pattern, e.getMessage());
        }
        try {
            if (EXAMPLE.equals(LocalDate.from(format.parse(format.format(EXAMPLE))))) {
                return format;
            }
        } catch (DateTimeException e) {
            throw invalidPattern(pattern, "it must give a day, a month and a year, and nothing else");
        }
        throw invalidPattern(pattern, "it does not read back the dates it writes");
    }

    /**
     * The pattern with year-of-era {@code y} turned into proleptic year {@code u}: a strict resolver cannot make a
     * date of a year-of-era without an era, and no CSV file writes eras. Quoted literal text is left alone.
     */
    static String prolepticYears(String pattern) {
        StringBuilder converted = new StringBuilder(pattern.length());
        boolean literal = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                literal = !literal;
            }
            converted.append(!literal && c == 'y' ? 'u' : c);
        }
        return converted.toString();
    }

    private static DateTimeFormatter dateTime(DateTimeFormatter date, char separator, Locale locale) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(date)
                .appendLiteral(separator)
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart()
                .appendOffsetId()
                .optionalEnd()
                .toFormatter(locale)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static ImportRefusedException invalidPattern(String pattern, String reason) {
        return new ImportRefusedException("INVALID_OPTION", "The date format '" + pattern
                + "' is not a usable date pattern: " + reason + ". Use a java.time pattern such as dd/MM/yyyy.");
    }
}

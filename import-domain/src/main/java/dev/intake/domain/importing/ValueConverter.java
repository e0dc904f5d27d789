package dev.intake.domain.importing;

import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.importing.csv.CsvRow;
import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the text of one cell into its field's canonical value, strictly: a value that could mean two things is
 * refused rather than guessed. Canonical forms are what records store and the API returns: ISO-8601 dates and
 * date-times, plain numbers ({@code 1234.56}, never {@code 1.23456E+3}), lower-case email addresses, the choice as
 * the app defines it, {@code true}/{@code false}.
 *
 * <p>Callers never pass blank cells: a blank cell means "leave the stored value unchanged" and is dropped before
 * conversion. Text values are kept exactly as written; every other type is read with surrounding spaces removed.
 * A field's maximum length applies to the canonical value of any type. One converter serves one import, with the
 * import's locale (en-US when none is given) and date format; it holds no state and may be shared between threads.
 */
public final class ValueConverter {

    private static final int QUOTED_VALUE_LIMIT = 60;
    private static final Map<String, Boolean> BOOLEAN_WORDS = booleanWords();

    private final NumberReader numbers;
    private final DateReader dates;

    /**
     * @throws ImportRefusedException {@code INVALID_OPTION} when the locale is not a language tag this server knows
     *     or the date format is not a usable date pattern
     */
    public ValueConverter(ImportOptions options) {
        Locale locale = locale(options.locale());
        this.numbers = new NumberReader(locale);
        this.dates = new DateReader(options.dateFormat(), locale);
    }

    /** Converts the non-blank cell {@code raw} for {@code field}. */
    public Conversion convert(FieldDefinition field, String raw) {
        Conversion conversion = convertByType(field, raw);
        if (conversion instanceof Conversion.Value value) {
            return checkLength(field, value.value());
        }
        return conversion;
    }

    private Conversion convertByType(FieldDefinition field, String raw) {
        String text = trim(raw);
        return switch (field.type()) {
            case TEXT -> Conversion.value(raw);
            case EMAIL -> email(text);
            case PHONE -> phone(text);
            case URL -> webAddress(text);
            case NUMBER -> number(field, text);
            case DECIMAL -> decimal(text);
            case DATE -> date(text);
            case DATETIME -> dateTime(text);
            case BOOLEAN -> yesNo(text);
            case CHOICE -> choice(field, text);
            case REFERENCE -> Conversion.value(text);
        };
    }

    private static Conversion email(String text) {
        String email = text.toLowerCase(Locale.ROOT);
        if (ContactDetails.isEmail(email)) {
            return Conversion.value(email);
        }
        return Conversion.failure(RowErrorCode.INVALID_EMAIL, quote(text) + " is not an email address: expected "
                + "one '@' between a name without spaces and a domain, such as ana.lima@example.com.");
    }

    private static Conversion phone(String text) {
        if (ContactDetails.isPhone(text)) {
            return Conversion.value(text);
        }
        return Conversion.failure(RowErrorCode.INVALID_PHONE, quote(text) + " is not a phone number: expected at "
                + "least three digits with only spaces and + ( ) - . / between them, and an optional extension "
                + "such as x123.");
    }

    private static Conversion webAddress(String text) {
        if (ContactDetails.isWebAddress(text)) {
            return Conversion.value(text);
        }
        return Conversion.failure(RowErrorCode.INVALID_URL, quote(text) + " is not a web address: expected a "
                + "domain such as example.com or an address starting with http:// or https://, without spaces.");
    }

    private Conversion number(FieldDefinition field, String text) {
        BigDecimal number = numbers.read(text);
        if (number == null) {
            return notANumber(text);
        }
        if (number.stripTrailingZeros().scale() > 0) {
            return Conversion.failure(RowErrorCode.INVALID_NUMBER, quote(text) + " is not a whole number: "
                    + field.label() + " takes integers such as 1234.");
        }
        return Conversion.value(number.toBigInteger().toString());
    }

    private Conversion decimal(String text) {
        BigDecimal number = numbers.read(text);
        if (number == null) {
            return notANumber(text);
        }
        BigDecimal plain = number.stripTrailingZeros();
        return Conversion.value((plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString());
    }

    private Conversion notANumber(String text) {
        return Conversion.failure(RowErrorCode.INVALID_NUMBER, quote(text) + " is not a number in "
                + numbers.localeTag() + ": " + numbers.howToWrite() + ", or set the locale option.");
    }

    private Conversion date(String text) {
        LocalDate date = dates.readDate(text);
        if (date != null) {
            return Conversion.value(date.toString());
        }
        return Conversion.failure(RowErrorCode.INVALID_DATE, quote(text) + " is not an existing date written as "
                + dates.dateForms() + ".");
    }

    private Conversion dateTime(String text) {
        String dateTime = dates.readDateTime(text);
        if (dateTime != null) {
            return Conversion.value(dateTime);
        }
        return Conversion.failure(RowErrorCode.INVALID_DATETIME, quote(text) + " is not an existing date and time "
                + "written as " + dates.dateTimeForms() + ".");
    }

    private static Conversion yesNo(String text) {
        Boolean value = BOOLEAN_WORDS.get(text.toLowerCase(Locale.ROOT));
        if (value != null) {
            return Conversion.value(value.toString());
        }
        return Conversion.failure(RowErrorCode.INVALID_BOOLEAN, quote(text) + " is not a yes/no value: use true "
                + "or false (yes/no, y/n, 1/0, on/off, t/f, ja/nein, oui/non and si/no work too).");
    }

    private static Conversion choice(FieldDefinition field, String text) {
        for (String choice : field.choices()) {
            if (trim(choice).equalsIgnoreCase(text)) {
                return Conversion.value(choice);
            }
        }
        return Conversion.failure(RowErrorCode.INVALID_CHOICE, quote(text) + " is not one of the choices for "
                + field.label() + ": " + String.join(", ", field.choices()) + ".");
    }

    private static Conversion checkLength(FieldDefinition field, String value) {
        Integer maxLength = field.maxLength();
        int length = value.codePointCount(0, value.length());
        if (maxLength == null || length <= maxLength) {
            return Conversion.value(value);
        }
        return Conversion.failure(RowErrorCode.TOO_LONG, "The value has " + length + " characters but "
                + field.label() + " holds at most " + maxLength + ": shorten it.");
    }

    private static Locale locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.US;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
            if (hasNumberSymbols(locale)) {
                return locale;
            }
        } catch (IllformedLocaleException e) {
            // refused below, with the same message as a well-formed tag of an unknown language
        }
        throw new ImportRefusedException("INVALID_OPTION", "The locale '" + tag + "' is not a language tag this "
                + "server knows: use a BCP 47 tag such as en-US or de-DE, or leave the option out for en-US.");
    }

    private static boolean hasNumberSymbols(Locale locale) {
        return !locale.getLanguage().isEmpty() && Arrays.stream(DecimalFormatSymbols.getAvailableLocales())
                .anyMatch(available -> available.getLanguage().equals(locale.getLanguage()));
    }

    private static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && CsvRow.isBlank(raw.charAt(start))) {
            start++;
        }
        while (end > start && CsvRow.isBlank(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static String quote(String text) {
        String shown = text.length() <= QUOTED_VALUE_LIMIT ? text : text.substring(0, QUOTED_VALUE_LIMIT) + "…";
        return "'" + shown + "'";
    }

    private static Map<String, Boolean> booleanWords() {
        Map<String, Boolean> words = new HashMap<>();
        for (String word : "true yes y 1 on t ja oui si sí".split(" ")) {
            words.put(word, Boolean.TRUE);
        }
        for (String word : "false no n 0 off f nein non".split(" ")) {
            words.put(word, Boolean.FALSE);
        }
        return Map.copyOf(words);
    }
}

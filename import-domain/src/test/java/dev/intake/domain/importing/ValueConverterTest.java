package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConverterTest {

    @Test
    void keepsTextExactlyAsWritten() {
        String text = "  two\r\nlines, \"quoted\"  ";

        assertEquals(text, value(converter(), text(null), text));
    }

    @Test
    void keepsFormulaLikeTextVerbatim() {
        assertEquals("+SUM(1;2)", value(converter(), text(null), "+SUM(1;2)"));
        assertEquals("@Corp", value(converter(), text(null), "@Corp"));
    }

    @Test
    void refusesTextLongerThanTheMaximumLength() {
        Conversion.Failure failure = failure(converter(), text(5), "abcdef");

        assertEquals(RowErrorCode.TOO_LONG, failure.code());
        assertTrue(failure.message().contains("6 characters") && failure.message().contains("at most 5"),
                failure.message());
    }

    @Test
    void countsCharactersNotUtf16UnitsForTheMaximumLength() {
        assertEquals("😀😀", value(converter(), text(2), "😀😀"));
    }

    @Test
    void appliesTheMaximumLengthToCanonicalValuesOfOtherTypes() {
        FieldDefinition email = new FieldDefinition("email", "Email", FieldType.EMAIL, false, false, 10, null, null);

        assertEquals(RowErrorCode.TOO_LONG, failure(converter(), email, "  longer@example.com ").code());
        assertEquals("a@b.io", value(converter(), email, "  A@B.io  "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "' HANA.KIM@Example.COM '|hana.kim@example.com",
        "ana.lima+crm@example.co.uk|ana.lima+crm@example.co.uk",
        "o'brien@mail-server.example.org|o'brien@mail-server.example.org",
        "léa@exemple.fr|léa@exemple.fr"})
    void trimsAndLowerCasesEmails(String raw, String expected) {
        assertEquals(expected, value(converter(), of(FieldType.EMAIL), raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@@example.com", "a@b@example.com", "@example.com", "ana lima@example.com",
        "ana@example", "ana@-example.com", "ana@example..com", ".ana@example.com", "ana.@example.com",
        "ana@example.c", "ana@exa_mple.com", "contact1@invalid", "ana@example.com,bo@example.com"})
    void refusesWhatIsNotAnEmailAddress(String raw) {
        Conversion.Failure failure = failure(converter(), of(FieldType.EMAIL), raw);

        assertEquals(RowErrorCode.INVALID_EMAIL, failure.code());
        assertTrue(failure.message().startsWith("'" + raw + "' is not an email address"), failure.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 555 0100", "857.139.8239", "+1-950-759-8687", "(599)782-0605x7541",
        "001-599-042-7428 ext. 143", "+46 8 123 456", "030/1234567", "112"})
    void keepsPhoneNumbersAsWritten(String raw) {
        assertEquals(raw, value(converter(), of(FieldType.PHONE), " " + raw + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "call me", "555-CALL-NOW", "x123", "1+555 0100", "+SUM(1;2)", "555#123"})
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertEquals(RowErrorCode.INVALID_PHONE, failure(converter(), of(FieldType.PHONE), raw).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "http://www.example.org/path?q=1#top", "example.com",
        "www.example.co.uk/about", "HTTPS://Example.com", "example.com:8080/x", "http://localhost:8080/"})
    void keepsWebAddressesAsWritten(String raw) {
        assertEquals(raw, value(converter(), of(FieldType.URL), raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "mailto:ana@example.com", "ftp://example.com", "not a url",
        "example", "http://", "https://exa mple.com", "http://exa_mple.com"})
    void refusesWhatIsNotAWebAddress(String raw) {
        assertEquals(RowErrorCode.INVALID_URL, failure(converter(), of(FieldType.URL), raw).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1234|1234", "1,234|1234", "1,234,567|1234567", "-42|-42", "+7|7",
        "1234.00|1234", "0|0", "007|7", "'1\u00A0234'|1234", "'1\u202F234'|1234"})
    void readsWholeNumbersInEnUs(String raw, String expected) {
        assertEquals(expected, value(converter(), of(FieldType.NUMBER), raw));
    }

    @Test
    void refusesAWholeNumberWithANonZeroFraction() {
        Conversion.Failure failure = failure(converter(), of(FieldType.NUMBER), "12.5");

        assertEquals(RowErrorCode.INVALID_NUMBER, failure.code());
        assertTrue(failure.message().contains("whole number"), failure.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1234.56|1234.56", "1,234.56|1234.56", "1000|1000", "1000.00|1000",
        "0.50|0.5", ".5|0.5", "-0.00|0", "1E+3|", "12.5.3|", "1,2345|", "1,23|", ",123|", "1,,234|",
        "1.|", "abc|", "$12|", "12%|", "1 234|", "--1|", "1,234 567|"})
    void readsDecimalsStrictlyInEnUs(String raw, String expected) {
        Conversion conversion = converter().convert(of(FieldType.DECIMAL), raw);

        if (expected == null) {
            assertEquals(RowErrorCode.INVALID_NUMBER, assertInstanceOf(Conversion.Failure.class, conversion).code());
        } else {
            assertEquals(expected, assertInstanceOf(Conversion.Value.class, conversion).value());
        }
    }

    @Test
    void neverReadsADecimalCommaAsGroupingInEnUs() {
        Conversion.Failure failure = failure(converter(), of(FieldType.DECIMAL), "13,75");

        assertEquals(RowErrorCode.INVALID_NUMBER, failure.code());
        assertEquals("'13,75' is not a number in en-US: use '.' for decimals and ',' only between groups of three "
                + "digits, or set the locale option.", failure.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.234,56|1234.56", "13,75|13.75", "'1\u00A0000'|1000", "1.000.000|1000000",
        "-0,5|-0.5", "12.5.3|", "12.5|", "1,234.56|", "13.75|"})
    void readsDecimalsStrictlyInDeDe(String raw, String expected) {
        Conversion conversion = converter(null, "de-DE").convert(of(FieldType.DECIMAL), raw);

        if (expected == null) {
            Conversion.Failure failure = assertInstanceOf(Conversion.Failure.class, conversion);
            assertEquals(RowErrorCode.INVALID_NUMBER, failure.code());
            assertTrue(failure.message().contains("in de-DE: use ',' for decimals and '.' only"), failure.message());
        } else {
            assertEquals(expected, assertInstanceOf(Conversion.Value.class, conversion).value());
        }
    }

    @Test
    void acceptsASpaceAsGroupingWhereTheLocaleGroupsWithSpaces() {
        assertEquals("1234.5", value(converter(null, "fr-FR"), of(FieldType.DECIMAL), "1 234,5"));
    }

    @Test
    void writesLargeDecimalsPlainly() {
        assertEquals("12300000000000000000000", value(converter(), of(FieldType.DECIMAL), "12300000000000000000000.0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-03-05|2024-03-05", "' 2024-03-05 '|2024-03-05",
        "2024-02-29|2024-02-29"})
    void readsIsoDates(String raw, String expected) {
        assertEquals(expected, value(converter(), of(FieldType.DATE), raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-3-5", "05/03/2024", "2024-03-05T10:00",
        "yesterday"})
    void refusesDatesThatDoNotExistOrAreNotIso(String raw) {
        Conversion.Failure failure = failure(converter(), of(FieldType.DATE), raw);

        assertEquals(RowErrorCode.INVALID_DATE, failure.code());
        assertTrue(failure.message().contains("yyyy-MM-dd"), failure.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"05/03/2024|2024-03-05", "13/03/2024|2024-03-13", "2024-03-05|2024-03-05",
        "29/02/2024|2024-02-29", "30/02/2024|", "03/13/2024|", "5/3/2024|", "31/04/2024|"})
    void readsDatesInTheImportsDateFormatWithoutRollingOver(String raw, String expected) {
        Conversion conversion = converter("dd/MM/yyyy", null).convert(of(FieldType.DATE), raw);

        if (expected == null) {
            Conversion.Failure failure = assertInstanceOf(Conversion.Failure.class, conversion);
            assertEquals(RowErrorCode.INVALID_DATE, failure.code());
            assertTrue(failure.message().contains("dd/MM/yyyy (such as 05/03/2024)"), failure.message());
        } else {
            assertEquals(expected, assertInstanceOf(Conversion.Value.class, conversion).value());
        }
    }

    @Test
    void readsTwoDigitYearsAndMonthNamesInTheDateFormat() {
        assertEquals("2024-03-05", value(converter("dd.MM.yy", null), of(FieldType.DATE), "05.03.24"));
        assertEquals("2024-03-05", value(converter("d MMMM yyyy", "de-DE"), of(FieldType.DATE), "5 März 2024"));
    }

    @Test
    void keepsQuotedLettersInTheDateFormatLiteral() {
        assertEquals("2024-03-05", value(converter("'y'yyyy'd'dd'm'MM", null), of(FieldType.DATE), "y2024d05m03"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-03-05T10:15:30|2024-03-05T10:15:30",
        "2024-03-05T10:15:30Z|2024-03-05T10:15:30Z", "2024-03-05T10:15:30+01:00|2024-03-05T10:15:30+01:00",
        "2024-03-05T10:15|2024-03-05T10:15:00", "2024-03-05 10:15|2024-03-05T10:15:00",
        "2024-03-05 10:15:30|2024-03-05T10:15:30", "2024-03-05T10:15:30.250Z|2024-03-05T10:15:30.25Z"})
    void readsIsoDateTimesKeepingTheOffset(String raw, String expected) {
        assertEquals(expected, value(converter(), of(FieldType.DATETIME), raw));
    }

    @Test
    void readsDateTimesInTheImportsDateFormatWithATime() {
        assertEquals("2024-03-05T09:30:00", value(converter("dd/MM/yyyy", null), of(FieldType.DATETIME),
                "05/03/2024 09:30"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05", "2024-02-30T10:00", "2024-03-05T25:00", "2024-03-05T10:15:30+1",
        "05/03/2024 09:30", "now"})
    void refusesWhatIsNotADateTime(String raw) {
        assertEquals(RowErrorCode.INVALID_DATETIME, failure(converter(), of(FieldType.DATETIME), raw).code());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "YES,true", "y,true", "1,true", "On,true", "t,true", "ja,true", "Oui,true", "si,true",
        "false,false", "No,false", "N,false", "0,false", "off,false", "F,false", "nein,false", "NON,false"})
    void readsYesNoWordsIgnoringCase(String raw, String expected) {
        assertEquals(expected, value(converter(), of(FieldType.BOOLEAN), " " + raw + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "yes!", "nope"})
    void refusesWhatIsNotAYesNoWord(String raw) {
        assertEquals(RowErrorCode.INVALID_BOOLEAN, failure(converter(), of(FieldType.BOOLEAN), raw).code());
    }

    @Test
    void readsAChoiceIgnoringCaseAndSpacesAndStoresItAsDefined() {
        assertEquals("Closed Won", value(converter(), stage(), "  closed WON "));
    }

    @Test
    void refusesAnUnknownChoiceListingTheChoices() {
        Conversion.Failure failure = failure(converter(), stage(), "Won");

        assertEquals(RowErrorCode.INVALID_CHOICE, failure.code());
        assertEquals("'Won' is not one of the choices for Stage: Open, Closed Won, Closed Lost.", failure.message());
    }

    @Test
    void keepsAReferenceTrimmed() {
        FieldDefinition company = new FieldDefinition("company", "Company", FieldType.REFERENCE, false, false, null,
                null, "company");

        assertEquals("International Wood", value(converter(), company, " International Wood "));
    }

    @Test
    void shortensLongValuesInMessages() {
        Conversion.Failure failure = failure(converter(), of(FieldType.EMAIL), "x".repeat(500));

        assertTrue(failure.message().length() < 250, failure.message());
    }

    @Test
    void refusesAnUnknownLocaleTag() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class, () -> converter(null, "xx-YY"));

        assertEquals("INVALID_OPTION", refused.code());
        assertTrue(refused.getMessage().contains("'xx-YY'"), refused.getMessage());
    }

    @Test
    void refusesAnIllFormedLocaleTag() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> converter(null, "not a locale"));

        assertEquals("INVALID_OPTION", refused.code());
    }

    @Test
    void acceptsALocaleWrittenWithAnUnderscore() {
        assertEquals("13.75", value(converter(null, "de_DE"), of(FieldType.DECIMAL), "13,75"));
    }

    @Test
    void refusesAnInvalidDatePattern() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> converter("dd/bb/yyyy", null));

        assertEquals("INVALID_OPTION", refused.code());
        assertTrue(refused.getMessage().contains("'dd/bb/yyyy'"), refused.getMessage());
    }

    @Test
    void refusesADatePatternThatIsNotAWholeDate() {
        assertEquals("INVALID_OPTION", assertThrows(ImportRefusedException.class,
                () -> converter("dd/MM", null)).code());
        assertEquals("INVALID_OPTION", assertThrows(ImportRefusedException.class,
                () -> converter("dd/MM/yyyy HH:mm", null)).code());
    }

    private static ValueConverter converter() {
        return converter(null, null);
    }

    private static ValueConverter converter(String dateFormat, String locale) {
        return new ValueConverter(new ImportOptions(null, null, dateFormat, locale, false, 1000));
    }

    private static String value(ValueConverter converter, FieldDefinition field, String raw) {
        return assertInstanceOf(Conversion.Value.class, converter.convert(field, raw)).value();
    }

    private static Conversion.Failure failure(ValueConverter converter, FieldDefinition field, String raw) {
        return assertInstanceOf(Conversion.Failure.class, converter.convert(field, raw));
    }

    private static FieldDefinition of(FieldType type) {
        return FieldDefinition.of("value", type);
    }

    private static FieldDefinition text(Integer maxLength) {
        return new FieldDefinition("notes", "Notes", FieldType.TEXT, false, false, maxLength, null, null);
    }

    private static FieldDefinition stage() {
        return new FieldDefinition("stage", "Stage", FieldType.CHOICE, false, false, null,
                List.of("Open", "Closed Won", "Closed Lost"), null);
    }
}

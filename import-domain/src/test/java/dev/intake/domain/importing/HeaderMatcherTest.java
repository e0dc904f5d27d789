package dev.intake.domain.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.importing.csv.CsvRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderMatcherTest {

    @Test
    void matchesAFieldNameIgnoringCaseAndSurroundingSpaces() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header(" EMAIL ", "first_name"), false);

        assertEquals("email", mapping.column(0).field().name());
        assertEquals(" EMAIL ", mapping.column(0).header());
        assertEquals("first_name", mapping.column(1).field().name());
    }

    @Test
    void matchesAFieldLabel() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header("Email", "First Name", "Job Title"), false);

        assertEquals(List.of("email", "first_name", "job_title"), fieldNames(mapping));
    }

    @Test
    void treatsUnderscoresSpacesAndHyphensAlike() {
        AppDefinition app = contactApp();

        for (String lastName : List.of("LAST_NAME", "last-name", "Last  Name", "last _ name")) {
            HeaderMapping mapping = HeaderMatcher.match(app, header("email", lastName), false);

            assertEquals(List.of("email", "last_name"), fieldNames(mapping), lastName);
        }
    }

    @Test
    void ignoresAByteOrderMarkGluedToTheFirstHeader() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header("\uFEFFemail", "name"), false);

        assertEquals("email", mapping.column(0).field().name());
        assertEquals("email", mapping.column(0).header());
    }

    @Test
    void guessesNothingElse() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(contactApp(), header("email", "surname", "e_mail_address"), false));

        assertEquals("UNKNOWN_COLUMNS", refused.code());
        assertEquals(List.of("surname", "e_mail_address"), refused.columns());
    }

    @Test
    void makesBlankHeadersUnnamedColumns() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header("email", "", "  "), false);

        assertEquals(HeaderMapping.Role.UNNAMED, mapping.column(1).role());
        assertEquals(HeaderMapping.Role.UNNAMED, mapping.column(2).role());
        assertNull(mapping.column(2).field());
        assertEquals("  ", mapping.column(2).header());
    }

    @Test
    void refusesUnknownColumnsListingThemAndTheAcceptedNames() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(contactApp(), header("email", "Fax", "Twitter"), false));

        assertEquals("UNKNOWN_COLUMNS", refused.code());
        assertEquals(List.of("Fax", "Twitter"), refused.columns());
        assertTrue(refused.getMessage().contains("'Fax', 'Twitter'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("first_name (First Name)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ignoreUnknownColumns"), refused.getMessage());
    }

    @Test
    void ignoresUnknownColumnsWhenTheImportSaysSo() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header("Fax", "email"), true);

        assertEquals(HeaderMapping.Role.IGNORED, mapping.column(0).role());
        assertNull(mapping.column(0).field());
        assertEquals(List.of("email"), fieldNames(mapping));
    }

    @Test
    void refusesTwoColumnsNamingTheSameField() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(contactApp(), header("email", "First Name", "first_name"), false));

        assertEquals("DUPLICATE_COLUMNS", refused.code());
        assertEquals(List.of("First Name", "first_name"), refused.columns());
    }

    @Test
    void refusesARequiredFieldWithoutAColumn() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(dealApp(), header("external_id", "amount"), false));

        assertEquals("MISSING_REQUIRED_COLUMNS", refused.code());
        assertEquals(List.of("Name"), refused.columns());
        assertTrue(refused.getMessage().contains("Name"), refused.getMessage());
    }

    @Test
    void reportsUnknownColumnsFirstAndMentionsTheOtherProblems() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(dealApp(), header("amount", "Amount", "Budget"), false));

        assertEquals("UNKNOWN_COLUMNS", refused.code());
        assertEquals(List.of("Budget"), refused.columns());
        assertTrue(refused.getMessage().contains("same field"), refused.getMessage());
        assertTrue(refused.getMessage().contains("no column: Name"), refused.getMessage());
    }

    @Test
    void reportsDuplicatesBeforeMissingRequiredColumns() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(dealApp(), header("amount", "Amount"), false));

        assertEquals("DUPLICATE_COLUMNS", refused.code());
        assertTrue(refused.getMessage().contains("no column: Name"), refused.getMessage());
    }

    @Test
    void letsAFieldNameWinOverAnotherFieldsLabel() {
        FieldDefinition code = new FieldDefinition("code", "Name", FieldType.TEXT, false, false, null, null, null);
        FieldDefinition name = FieldDefinition.of("name", FieldType.TEXT);
        AppDefinition app = new AppDefinition("thing", "Things", List.of(code, name), List.of());

        HeaderMapping mapping = HeaderMatcher.match(app, header("name"), false);

        assertEquals("name", mapping.column(0).field().name());
    }

    @Test
    void listsMappedFieldsInColumnOrderAndFindsTheColumnOfAField() {
        HeaderMapping mapping = HeaderMatcher.match(contactApp(), header("City", "", " Email "), false);

        assertEquals(List.of("city", "email"), mapping.mappedFields().stream().map(FieldDefinition::name).toList());
        assertEquals(" Email ", mapping.columnOf("email"));
        assertNull(mapping.columnOf("phone"));
        assertEquals("City", mapping.columnOf("city"));
    }

    @Test
    void refusesAFileWithoutAHeader() {
        ImportRefusedException refused = assertThrows(ImportRefusedException.class,
                () -> HeaderMatcher.match(contactApp(), null, false));

        assertEquals("INVALID_CSV", refused.code());
    }

    @Test
    void canonicalHeaderDropsCaseSpacesUnderscoresHyphensAndByteOrderMark() {
        assertEquals("firstname", HeaderMatcher.canonicalHeader("\uFEFF First_Name- "));
        assertEquals("", HeaderMatcher.canonicalHeader(" \u00A0 "));
    }

    private static CsvRow header(String... cells) {
        return new CsvRow(1, List.of(cells));
    }

    private static List<String> fieldNames(HeaderMapping mapping) {
        return mapping.mappedFields().stream().map(FieldDefinition::name).toList();
    }

    private static AppDefinition contactApp() {
        List<FieldDefinition> fields = List.of(
                new FieldDefinition("email", "Email", FieldType.EMAIL, false, true, null, null, null),
                new FieldDefinition("first_name", "First Name", FieldType.TEXT, false, false, 255, null, null),
                new FieldDefinition("last_name", "Last Name", FieldType.TEXT, false, false, 255, null, null),
                new FieldDefinition("name", "Name", FieldType.TEXT, false, false, 255, null, null),
                new FieldDefinition("phone", "Phone", FieldType.PHONE, false, false, null, null, null),
                new FieldDefinition("job_title", "Job Title", FieldType.TEXT, false, false, 255, null, null),
                new FieldDefinition("city", "City", FieldType.TEXT, false, false, 255, null, null));
        return new AppDefinition("contact", "Contacts", fields, List.of(List.of("email")));
    }

    private static AppDefinition dealApp() {
        List<FieldDefinition> fields = List.of(
                new FieldDefinition("external_id", "External ID", FieldType.TEXT, false, true, null, null, null),
                new FieldDefinition("name", "Name", FieldType.TEXT, true, false, null, null, null),
                new FieldDefinition("amount", "Amount", FieldType.DECIMAL, false, false, null, null, null));
        return new AppDefinition("deal", "Deals", fields, List.of(List.of("external_id")));
    }
}

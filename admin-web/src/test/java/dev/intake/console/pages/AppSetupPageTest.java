package dev.intake.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.AppRules;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.app.InvalidDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each refusal of the app rules lands next to the input it is about. */
class AppSetupPageTest {

    @Test
    void aBadEntityKeyGoesToTheKeyInput() {
        assertEquals("app-form:entity", inputFor("Bad Key", "Label", List.of(row("name", FieldType.TEXT)), ""));
    }

    @Test
    void aMissingLabelGoesToTheLabelInput() {
        assertEquals("app-form:label", inputFor("supplier", " ", List.of(row("name", FieldType.TEXT)), ""));
    }

    @Test
    void aBadFieldNameGoesToTheNameInputOfItsRow() {
        assertEquals("app-form:fields:1:field-name", inputFor("supplier", "Suppliers",
                List.of(row("name", FieldType.TEXT), row("Vat Id", FieldType.TEXT)), ""));
    }

    @Test
    void aChoiceFieldWithoutChoicesGoesToItsChoicesInput() {
        assertEquals("app-form:fields:1:field-choices", inputFor("supplier", "Suppliers",
                List.of(row("name", FieldType.TEXT), row("country", FieldType.CHOICE)), ""));
    }

    @Test
    void aReferenceToNoAppGoesToItsReferenceInput() {
        assertEquals("app-form:fields:0:field-reference", inputFor("supplier", "Suppliers",
                List.of(row("parent", FieldType.REFERENCE)), ""));
    }

    @Test
    void aRuleNamingAnUnknownFieldGoesToTheMatchRules() {
        assertEquals("app-form:match-rules", inputFor("supplier", "Suppliers", List.of(row("name", FieldType.TEXT)),
                "name, nothing"));
    }

    @Test
    void twoFieldsAnsweringTheSameHeaderGoToTheSecondOnesLabel() {
        AppSetupPage.FieldRow second = row("title", FieldType.TEXT);
        second.setLabel("Name");
        assertEquals("app-form:fields:1:field-label", inputFor("supplier", "Suppliers",
                List.of(row("name", FieldType.TEXT), second), ""));
    }

    @Test
    void anAppWithoutFieldsGoesToAddField() {
        assertEquals("app-form:add-field", inputFor("supplier", "Suppliers", List.of(), ""));
    }

    private static String inputFor(String entity, String label, List<AppSetupPage.FieldRow> rows, String rule) {
        AppSetupPage page = new AppSetupPage();
        page.getFields().addAll(rows);
        List<List<String>> rules = rule.isEmpty() ? List.of() : List.of(List.of(rule.split(",\\s*")));
        AppDefinition app = new AppDefinition(entity, label, rows.stream().map(AppSetupPage.FieldRow::toDefinition)
                .toList(), rules);
        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> AppRules.check(app, other -> false));
        return page.inputOf(refused.getMessage());
    }

    private static AppSetupPage.FieldRow row(String name, FieldType type) {
        AppSetupPage.FieldRow row = new AppSetupPage.FieldRow();
        row.setName(name);
        row.setType(type);
        return row;
    }
}

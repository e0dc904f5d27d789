package dev.intake.domain.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppRulesTest {

    @Test
    void refusesALabelThatAnotherFieldAnswersToByName() {
        AppDefinition app = new AppDefinition("x", "X", List.of(
                new FieldDefinition("a", "b", FieldType.TEXT, false, false, null, null, null),
                FieldDefinition.of("b", FieldType.TEXT)), List.of());

        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> AppRules.check(app, entity -> false));
        assertTrue(refused.getMessage().contains("'a' and 'b'"), refused.getMessage());
    }

    @Test
    void acceptsAFieldWhoseLabelIsItsOwnNameWrittenDifferently() {
        AppDefinition app = new AppDefinition("x", "X", List.of(
                new FieldDefinition("first_name", "First Name", FieldType.TEXT, false, false, null, null, null)),
                List.of(List.of("first_name")));

        assertDoesNotThrow(() -> AppRules.check(app, entity -> false));
    }

    @Test
    void refusesAMatchRuleNamingAnUnknownField() {
        AppDefinition app = new AppDefinition("x", "X", List.of(FieldDefinition.of("a", FieldType.TEXT)),
                List.of(List.of("nope")));

        assertThrows(InvalidDefinitionException.class, () -> AppRules.check(app, entity -> false));
    }

    @Test
    void refusesAReferenceToAnAppThatDoesNotExist() {
        AppDefinition app = new AppDefinition("x", "X", List.of(
                new FieldDefinition("owner", "Owner", FieldType.REFERENCE, false, false, null, null, "nope")),
                List.of());

        assertThrows(InvalidDefinitionException.class, () -> AppRules.check(app, entity -> false));
    }
}

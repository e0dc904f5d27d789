package dev.intake.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.domain.app.AppDefinition;
import dev.intake.domain.app.FieldDefinition;
import dev.intake.domain.app.FieldType;
import dev.intake.domain.app.MatchRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

    @Test
    void foldsCaseSurroundingSpacesAndInnerRunsOfWhiteSpace() {
        assertEquals("ana maria lima", MatchKeys.foldForMatching("  Ana \t Maria   LIMA \n"));
    }

    @Test
    void leavesAFoldedValueAsItIsAndFoldsAnyOtherFully() {
        String folded = "ana.lima+1@example-7.com";

        assertSame(folded, MatchKeys.foldForMatching(folded), "nothing to fold: no copy");
        assertEquals("ana.lima@example.com", MatchKeys.foldForMatching("ana.lima@Example.com"));
        assertEquals("ana lima", MatchKeys.foldForMatching("ana  lima"));
        assertEquals("ana lima", MatchKeys.foldForMatching("ana\tlima"));
        assertEquals("ana", MatchKeys.foldForMatching("ana\u2003"), "white space beyond ASCII");
        assertEquals("\u00e1na", MatchKeys.foldForMatching("\u00c1NA"));
        assertEquals("a\u00a0b", MatchKeys.foldForMatching("a\u00a0b"), "a no-break space is not white space");
        assertEquals("~{x}|", MatchKeys.foldForMatching("~{X}|"));
    }

    @Test
    void givesOneKeyForAnEmailWrittenInAnyCaseWithSurroundingSpaces() {
        AppDefinition contacts = app(List.of(field("email", FieldType.EMAIL)), List.of(List.of("email")));
        MatchKeys keys = new MatchKeys(contacts);
        MatchRule byEmail = contacts.matchRules().get(0);

        Optional<String> written = keys.keyFor(byEmail, Map.of("email", " Ana.Lima@Example.COM "));
        Optional<String> stored = keys.keyFor(byEmail, Map.of("email", "ana.lima@example.com"));

        assertEquals(Optional.of("ana.lima@example.com"), written);
        assertEquals(stored, written);
    }

    @Test
    void givesOneKeyForANameWithInnerRunsOfSpaces() {
        AppDefinition companies = app(List.of(field("name", FieldType.TEXT)), List.of(List.of("name")));
        MatchKeys keys = new MatchKeys(companies);
        MatchRule byName = companies.matchRules().get(0);

        assertEquals(keys.keyFor(byName, Map.of("name", "acme corp")),
                keys.keyFor(byName, Map.of("name", " ACME   Corp ")));
    }

    @Test
    void onlyStripsValuesOfTypesThatDoNotMatchIgnoringCase() {
        AppDefinition deals = app(List.of(field("deal_no", FieldType.NUMBER)), List.of(List.of("deal_no")));

        Optional<String> key = new MatchKeys(deals).keyFor(deals.matchRules().get(0), Map.of("deal_no", " 0042 "));

        assertEquals(Optional.of("0042"), key);
    }

    @Test
    void needsEveryFieldOfAMultiFieldRule() {
        AppDefinition contacts = app(List.of(field("first_name", FieldType.TEXT), field("last_name", FieldType.TEXT)),
                List.of(List.of("first_name", "last_name")));
        MatchKeys keys = new MatchKeys(contacts);
        MatchRule byName = contacts.matchRules().get(0);

        assertTrue(keys.keyFor(byName, Map.of("first_name", "Ana")).isEmpty());
        assertTrue(keys.keyFor(byName, Map.of("first_name", "Ana", "last_name", "  ")).isEmpty());
        assertEquals(keys.keyFor(byName, Map.of("first_name", "ana", "last_name", "lima")),
                keys.keyFor(byName, Map.of("first_name", "Ana", "last_name", " LIMA")));
    }

    @Test
    void keepsTheFieldsOfAMultiFieldKeyApart() {
        AppDefinition contacts = app(List.of(field("first_name", FieldType.TEXT), field("last_name", FieldType.TEXT)),
                List.of(List.of("first_name", "last_name")));
        MatchKeys keys = new MatchKeys(contacts);
        MatchRule byName = contacts.matchRules().get(0);

        assertNotEquals(keys.keyFor(byName, Map.of("first_name", "ann", "last_name", "alima")),
                keys.keyFor(byName, Map.of("first_name", "anna", "last_name", "lima")));
    }

    @Test
    void givesEveryKeyOfTheValuesByRuleIndexInRuleOrder() {
        AppDefinition contacts = app(List.of(field("external_id", FieldType.TEXT), field("email", FieldType.EMAIL),
                field("phone", FieldType.PHONE)), List.of(List.of("external_id"), List.of("phone"), List.of("email")));

        List<RecordKey> keys = new MatchKeys(contacts).recordKeys(Map.of("email", "Ana@Example.com",
                "external_id", "C-1"));

        assertEquals(List.of(0, 2), keys.stream().map(RecordKey::rule).toList());
        assertEquals(new RecordKey(0, "c-1"), keys.get(0));
        assertEquals(new RecordKey(2, "ana@example.com"), keys.get(1));
    }

    @Test
    void decidesByTheFirstRuleWhoseFieldsAllHaveValues() {
        AppDefinition contacts = app(List.of(field("external_id", FieldType.TEXT), field("email", FieldType.EMAIL)),
                List.of(List.of("external_id"), List.of("email")));
        MatchKeys keys = new MatchKeys(contacts);

        assertEquals(0, keys.decisiveRule(Map.of("external_id", "C-1", "email", "ana@example.com")).get().index());
        assertEquals(1, keys.decisiveRule(Map.of("external_id", " ", "email", "ana@example.com")).get().index());
        assertTrue(keys.decisiveRule(Map.of("first_name", "Ana")).isEmpty());
    }

    private static FieldDefinition field(String name, FieldType type) {
        return FieldDefinition.of(name, type);
    }

    private static AppDefinition app(List<FieldDefinition> fields, List<List<String>> matchOn) {
        return new AppDefinition("contact", "Contacts", fields, matchOn);
    }
}

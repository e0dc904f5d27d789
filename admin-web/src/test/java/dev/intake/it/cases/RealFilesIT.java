package dev.intake.it.cases;

import static dev.intake.it.cases.Jobs.assertCounts;
import static dev.intake.it.cases.Jobs.only;
import static dev.intake.it.cases.Jobs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intake.it.IntakeClient;
import dev.intake.it.IntakeServer;
import dev.intake.it.SharedData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real exports of {@code shared/data/real}, each into an app a careful administrator would define for its
 * header: typed fields, the format options the file needs and a match rule on its natural key. The datablist people
 * and Thunderbird files are covered by {@code ApiImportIT}.
 */
class RealFilesIT {

    private static IntakeClient api;

    @BeforeAll
    static void server() throws Exception {
        api = IntakeServer.shared().client();
    }

    @Test
    void importsDatablistLeadsWithQuotedCommasAndMixedPhoneFormatsThenUpdatesThem() throws Exception {
        JsonObject app = AppJson.app("leads")
                .field("index", "Index", "NUMBER")
                .field("account_id", "Account Id", "TEXT", field -> field.add("unique", true))
                .field("lead_owner", "Lead Owner", "TEXT")
                .field("first_name", "First Name", "TEXT")
                .field("last_name", "Last Name", "TEXT")
                .field("company", "Company", "TEXT")
                .field("phone_1", "Phone 1", "PHONE")
                .field("phone_2", "Phone 2", "PHONE")
                .field("email_1", "Email 1", "EMAIL")
                .field("email_2", "Email 2", "EMAIL")
                .field("website", "Website", "URL")
                .field("source", "Source", "TEXT")
                .choice("deal_stage", "Deal Stage", "New Lead", "Contacted", "Qualified", "Proposal Sent",
                        "Negotiation", "Closed Won", "Closed Lost", "On Hold", "Disqualified", "Re-engagement")
                .field("notes", "Notes", "TEXT")
                .matchOn("account_id")
                .build();
        String entity = define(app);
        Path file = SharedData.real("datablist_leads-100.csv");

        assertCounts(api.importAndWait(entity, file, null), 100, 100, 0, 0);

        List<Map<String, String>> records = api.records(entity);
        assertEquals(100, records.size());
        Map<String, String> first = only(records, "account_id", "0970F99ED4a2CE4");
        assertEquals("1", first.get("index"));
        assertEquals("Grimes, Madden and Huff", first.get("company"));
        assertEquals("+1-532-344-1362", first.get("phone_1"));
        assertEquals("2754733370", first.get("phone_2"));
        assertEquals("hatkinson@mclaughlin.com", first.get("email_1"));
        assertEquals("http://www.rosales-molina.com/", first.get("website"));
        assertEquals("New Lead", first.get("deal_stage"));
        assertEquals("Speak own such.", first.get("notes"));
        Map<String, String> second = only(records, "account_id", "e9AABddbCA4AFee");
        assertEquals("001-672-799-2170x5610", second.get("phone_1"));
        assertEquals("+1-887-577-1205x5686", second.get("phone_2"));
        assertEquals("Closed Won", second.get("deal_stage"));
        assertEquals("(240)452-2332x4601", only(records, "account_id", "5B8C661A897ACE3").get("phone_2"));

        assertCounts(api.importAndWait(entity, file, null), 100, 0, 100, 0);
        assertEquals(100, api.records(entity).size());
    }

    @Test
    void importsSalesforceOpportunitiesWithEveryFieldQuotedAndUpperCaseHeaders() throws Exception {
        JsonObject app = AppJson.app("opportunity")
                .field("id", "Opportunity ID", "TEXT", field -> field.add("unique", true))
                .field("isdeleted", "Deleted", "BOOLEAN")
                .field("accountid", "Account ID", "TEXT")
                .field("name", "Name", "TEXT", field -> field.add("required", true))
                .field("description", "Description", "TEXT")
                .choice("stagename", "Stage", "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                        "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review",
                        "Closed Won", "Closed Lost")
                .field("amount", "Amount", "DECIMAL")
                .field("probability", "Probability (%)", "DECIMAL")
                .field("expectedrevenue", "Expected Revenue", "DECIMAL")
                .field("totalopportunityquantity", "Quantity", "DECIMAL")
                .field("closedate", "Close Date", "DATE")
                .field("type", "Type", "TEXT")
                .field("nextstep", "Next Step", "TEXT")
                .field("leadsource", "Lead Source", "TEXT")
                .field("isclosed", "Closed", "BOOLEAN")
                .field("iswon", "Won", "BOOLEAN")
                .choice("forecastcategory", "Forecast Category", "Omitted", "Pipeline", "Best Case", "Commit",
                        "Closed")
                .field("hasopportunitylineitem", "Has Line Item", "BOOLEAN")
                .field("pricebookid", "Price Book ID", "TEXT")
                .field("pricebook2id", "Price Book 2 ID", "TEXT")
                .field("ownerid", "Owner ID", "TEXT")
                .field("createddate", "Created Date", "DATETIME")
                .field("createdbyid", "Created By ID", "TEXT")
                .field("lastmodifieddate", "Last Modified Date", "DATETIME")
                .field("lastmodifiedbyid", "Last Modified By ID", "TEXT")
                .field("systemmodstamp", "System Modstamp", "DATETIME")
                .field("lastactivitydate", "Last Activity", "DATE")
                .field("fiscalquarter", "Fiscal Quarter", "NUMBER")
                .field("fiscalyear", "Fiscal Year", "NUMBER")
                .field("fiscal", "Fiscal Period", "TEXT")
                .field("oracle_id__c", "Oracle ID", "TEXT")
                .matchOn("id")
                .build();
        String entity = define(app);
        Path file = SharedData.real("sfdc-dataloader_opportunityData.csv");

        JsonObject job = api.importAndWait(entity, file, null);

        assertCounts(job, 38, 38, 0, 0);
        List<Map<String, String>> records = api.records(entity);
        Map<String, String> george = only(records, "id", "006x0000001YtCrAAK");
        assertEquals("false", george.get("isdeleted"));
        assertEquals("George Foundation - 5000 Widgets", george.get("name"));
        assertEquals("Closed Won", george.get("stagename"));
        assertEquals("500000", george.get("amount"));
        assertEquals("100", george.get("probability"));
        assertEquals("2005-11-09", george.get("closedate"));
        assertEquals("true", george.get("iswon"));
        assertEquals("Closed", george.get("forecastcategory"));
        assertEquals("2006-06-15T20:47:07Z", george.get("createddate"));
        assertEquals("2005", george.get("fiscalyear"));
        assertEquals("2005 4", george.get("fiscal"));
        assertEquals("12340", george.get("oracle_id__c"));
        assertNull(george.get("totalopportunityquantity"), "an empty quoted value is blank");
        assertNull(george.get("lastactivitydate"), "an empty quoted value is blank");
        Map<String, String> acme = only(records, "id", "006x0000001YtCtAAK");
        assertEquals("Acme - 1,200 Widgets", acme.get("name"));
        assertEquals("Value Proposition", acme.get("stagename"));
        assertEquals("70000", acme.get("expectedrevenue"));

        assertCounts(api.importAndWait(entity, file, null), 38, 0, 38, 0);
        assertEquals(38, api.records(entity).size());
    }

    @Test
    void importsTheFrappeFileWithSemicolonsPaddedHeadersAndDayFirstDates() throws Exception {
        JsonObject app = AppJson.app("frappe")
                .field("title", "Title", "TEXT")
                .field("description", "Description", "TEXT")
                .field("number", "Number", "NUMBER")
                .field("another_number", "another_number", "NUMBER")
                .field("table_1_id", "ID (Table Field 1)", "TEXT")
                .field("table_1_title", "Child Title (Table Field 1)", "TEXT")
                .field("table_1_description", "Child Description (Table Field 1)", "TEXT")
                .field("table_2_title", "Child 2 Title (Table Field 2)", "TEXT")
                .field("table_2_date", "Child 2 Date (Table Field 2)", "DATE")
                .field("table_2_number", "Child 2 Number (Table Field 2)", "NUMBER")
                .field("table_1_again_title", "Child Title (Table Field 1 Again)", "TEXT")
                .field("table_1_again_date", "Child Date (Table Field 1 Again)", "DATE")
                .field("table_1_again_number", "Child Number (Table Field 1 Again)", "NUMBER")
                .field("table_1_again_another_number", "table_field_1_again.child_another_number", "NUMBER")
                .matchOn("title")
                .build();
        String entity = define(app);
        Path file = SharedData.real("frappe_sample_import_file_semicolon.csv");

        JsonObject job = api.importAndWait(entity, file, Json.createObjectBuilder()
                .add("dateFormat", "dd-MM-yyyy").build());

        // Rows 3 and 4 have no title, hence no key: each creates a record of its own.
        assertCounts(job, 4, 4, 0, 0);
        List<Map<String, String>> records = api.records(entity);
        assertEquals(4, records.size());
        // The padding belongs to the file's layout; text is stored as written, so only its content is compared.
        Map<String, String> test5 = onlyStripped(records, "title", "Test 5");
        assertEquals("test description", test5.get("description").strip());
        assertEquals("1", test5.get("number"));
        assertEquals("2", test5.get("another_number"));
        assertNull(test5.get("table_1_id"), "\"\" is an empty value");
        assertEquals("child description with ,comma and", test5.get("table_1_description").strip());
        assertEquals("2019-08-14", test5.get("table_2_date"));
        assertEquals("4", test5.get("table_2_number"));
        assertEquals("2020-09-22", test5.get("table_1_again_date"));
        assertEquals("5", test5.get("table_1_again_number"));
        assertEquals("7", test5.get("table_1_again_another_number"));
        Map<String, String> test4 = onlyStripped(records, "title", "Test 4");
        assertEquals("2019-08-15", test4.get("table_2_date"));
        assertEquals("2022-09-22", test4.get("table_1_again_date"));
        assertEquals("71", test4.get("table_1_again_another_number"));
        Map<String, String> childOnly = only(records, "table_2_date", "2019-10-30");
        assertNull(childOnly.get("title"));
        assertEquals("2021-09-22", childOnly.get("table_1_again_date"));
        assertEquals("5", childOnly.get("table_2_number"));
        Map<String, String> untitled = onlyStripped(records, "description", "test description 2");
        assertNull(untitled.get("title"));
        assertEquals("1", untitled.get("number"));
    }

    @Test
    void importsOdooCompaniesAndTheContactsThatReferToThemInTheSameFile() throws Exception {
        AppJson partners = AppJson.app("partner");
        String entity = define(partners
                .field("name", "Name", "TEXT", field -> field.add("required", true))
                .field("is_company", "Is a company", "BOOLEAN")
                .field("parent", "Related company", "REFERENCE", field -> field.add("reference", partners.entity()))
                .choice("address_type", "Address type", "Contact", "Invoice address", "Delivery address",
                        "Other address", "Private address")
                .field("street", "Street", "TEXT")
                .field("zip", "ZIP", "TEXT")
                .field("city", "City", "TEXT")
                .field("state", "State", "TEXT")
                .field("country", "Country", "TEXT")
                .matchOn("name")
                .build());
        Path file = SharedData.real("odoo_o2m_customers_contacts.csv");

        JsonObject job = api.importAndWait(entity, file, null);

        // Rows apply in file order, so each contact's company exists by the time its row is applied.
        assertEquals(List.of(), Jobs.errors(job));
        assertCounts(job, 8, 8, 0, 0);
        List<Map<String, String>> records = api.records(entity);
        Map<String, String> aurora = only(records, "name", "Aurora Shelves");
        assertEquals("true", aurora.get("is_company"));
        assertNull(aurora.get("parent"));
        assertEquals("San José", aurora.get("city"));
        Map<String, String> roger = only(records, "name", "Roger Martins");
        assertEquals("false", roger.get("is_company"));
        assertEquals("Aurora Shelves", roger.get("parent"));
        assertEquals("Invoice address", roger.get("address_type"));
        assertEquals("95102", roger.get("zip"));
        assertEquals("House Sales Direct", only(records, "name", "Jack Unsworth").get("parent"));
        assertNull(only(records, "name", "Michael Mason").get("parent"));
        Map<String, String> sharon = only(records, "name", "Sharon Pecker");
        assertEquals("International Wood", sharon.get("parent"));
        assertEquals("United States", sharon.get("country"), "the last line has no line break after it");

        assertCounts(api.importAndWait(entity, file, null), 8, 0, 8, 0);
    }

    @Test
    void keepsTheJsonListsOfKrayinPersonsAsText() throws Exception {
        JsonObject app = AppJson.app("person")
                .field("name", "Name", "TEXT", field -> field.add("required", true))
                .field("emails", "Emails", "TEXT")
                .field("contact_numbers", "Contact Numbers", "TEXT")
                .field("organization_id", "Organization", "NUMBER")
                .field("job_title", "Job Title", "TEXT")
                .field("user_id", "Owner", "NUMBER")
                .matchOn("name")
                .build();
        String entity = define(app);

        JsonObject job = api.importAndWait(entity, SharedData.real("krayin_persons_sample.csv"), null);

        assertCounts(job, 2, 2, 0, 0);
        List<Map<String, String>> records = api.records(entity);
        Map<String, String> wilson = only(records, "name", "Wilson Fisk");
        assertEquals("[{\"label\": \"work\", \"value\": \"contact@wilson.com\"}, {\"label\": \"home\", \"value\": "
                + "\"contact.home@wilson.com\"}]", wilson.get("emails"));
        assertEquals("[{\"label\": \"work\", \"value\": \"5454445454\"}]", wilson.get("contact_numbers"));
        assertEquals("1", wilson.get("organization_id"));
        assertEquals("Sales Executive", wilson.get("job_title"));
        assertEquals("[{\"label\": \"work\", \"value\": \"15454445454\"}]",
                only(records, "name", "Sasha Calle").get("contact_numbers"));
    }

    @Test
    void updatesTheKrayinLeadWhoseIdExistsAndCreatesTheLeadWithoutId(@TempDir Path dir) throws Exception {
        String entity = define(krayinLeadApp());
        Path firstVersion = dir.resolve("leads-v1.csv");
        Files.writeString(firstVersion, "id,title,lead_value,status\n1,Urgent Requirement of Product,40000,0\n");
        assertCounts(api.importAndWait(entity, firstVersion, null), 1, 1, 0, 0);

        JsonObject job = api.importAndWait(entity, SharedData.real("krayin_leads_sample.csv"), null);

        assertCounts(job, 2, 1, 1, 0);
        List<Map<String, String>> records = api.records(entity);
        assertEquals(2, records.size());
        Map<String, String> updated = only(records, "id", "1");
        assertEquals("Updated Urgent Requirement of Product  -> TaskMaster Pro - Advanced Project Management Tool",
                updated.get("title"));
        assertTrue(updated.get("description").startsWith("Urgent Requirement: TaskMaster Pro \u2013 an advanced"),
                updated::toString);
        assertEquals("50000", updated.get("lead_value"));
        assertEquals("true", updated.get("status"));
        assertEquals("2024-08-30T14:39:58", updated.get("closed_at"));
        assertEquals("price=45,quantity=2,id=1", updated.get("product"));
        assertEquals("2024-09-02", updated.get("expected_close_date"));
        Map<String, String> created = only(records, "title", "Need more information About Product -> CyberGuard Pro");
        assertNull(created.get("id"));
        assertNull(created.get("closed_at"));
        assertEquals("100000", created.get("lead_value"));
        assertEquals("2024-09-06", created.get("expected_close_date"));
    }

    @Test
    void createsTheKrayinLeadWhoseIdIsNotKnownYet() throws Exception {
        String entity = define(krayinLeadApp());

        JsonObject job = api.importAndWait(entity, SharedData.real("krayin_leads_sample.csv"), null);

        // No record has id 1 yet: the match rule finds nothing, so the row creates the record.
        assertCounts(job, 2, 2, 0, 0);
        assertEquals(List.of("1", "null"), values(api.records(entity), "id"));
    }

    private static JsonObject krayinLeadApp() {
        return AppJson.app("lead")
                .field("id", "Krayin ID", "NUMBER", field -> field.add("unique", true))
                .field("title", "Title", "TEXT", field -> field.add("required", true))
                .field("description", "Description", "TEXT")
                .field("lead_value", "Lead Value", "DECIMAL")
                .field("status", "Open", "BOOLEAN")
                .field("lost_reason", "Lost Reason", "TEXT")
                .field("closed_at", "Closed At", "DATETIME")
                .field("user_id", "Sales Owner", "NUMBER")
                .field("person_id", "Contact Person", "NUMBER")
                .field("lead_source_id", "Source", "NUMBER")
                .field("lead_type_id", "Type", "NUMBER")
                .field("lead_pipeline_id", "Pipeline", "NUMBER")
                .field("product", "Product", "TEXT")
                .field("lead_pipeline_stage_id", "Stage", "NUMBER")
                .field("expected_close_date", "Expected Close Date", "DATE")
                .matchOn("id")
                .build();
    }

    private static String define(JsonObject app) throws Exception {
        api.defineApp(app);
        return app.getString("entity");
    }

    private static Map<String, String> onlyStripped(List<Map<String, String>> records, String field, String value) {
        List<Map<String, String>> found = records.stream()
                .filter(record -> record.get(field) != null && record.get(field).strip().equals(value)).toList();
        assertEquals(1, found.size(), () -> "records with " + field + " = " + value + " among " + records);
        return found.get(0);
    }
}

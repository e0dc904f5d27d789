package dev.intake.domain.app;

import static dev.intake.domain.app.FieldType.CHOICE;
import static dev.intake.domain.app.FieldType.DATE;
import static dev.intake.domain.app.FieldType.DECIMAL;
import static dev.intake.domain.app.FieldType.EMAIL;
import static dev.intake.domain.app.FieldType.NUMBER;
import static dev.intake.domain.app.FieldType.PHONE;
import static dev.intake.domain.app.FieldType.REFERENCE;
import static dev.intake.domain.app.FieldType.TEXT;
import static dev.intake.domain.app.FieldType.URL;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The apps a new installation starts with, with the fields a CRM user expects: contacts matched on their email,
 * companies on their name, deals on the external id the source system gives them.
 */
@ApplicationScoped
public class DefaultApps {

    /** In dependency order: contacts and deals refer to companies. */
    public List<AppDefinition> apps() {
        return List.of(company(), contact(), deal());
    }

    static AppDefinition company() {
        return new AppDefinition("company", "Companies", List.of(
                field("name", "Name", TEXT, true, true, 255),
                field("domain", "Domain", URL, false, false, 255),
                field("industry", "Industry", TEXT, false, false, 255),
                field("employees", "Employees", NUMBER, false, false, null),
                field("phone", "Phone", PHONE, false, false, 50),
                field("street", "Street", TEXT, false, false, 255),
                field("city", "City", TEXT, false, false, 255),
                field("postal_code", "Postal Code", TEXT, false, false, 20),
                field("country", "Country", TEXT, false, false, 100),
                field("notes", "Notes", TEXT, false, false, 100_000)),
                List.of(List.of("name")));
    }

    static AppDefinition contact() {
        return new AppDefinition("contact", "Contacts", List.of(
                field("email", "Email", EMAIL, true, true, 320),
                field("first_name", "First Name", TEXT, false, false, 255),
                field("last_name", "Last Name", TEXT, false, false, 255),
                field("phone", "Phone", PHONE, false, false, 50),
                field("mobile", "Mobile", PHONE, false, false, 50),
                field("job_title", "Job Title", TEXT, false, false, 255),
                new FieldDefinition("company", "Company", REFERENCE, false, false, 255, null, "company"),
                field("city", "City", TEXT, false, false, 255),
                field("country", "Country", TEXT, false, false, 100),
                field("notes", "Notes", TEXT, false, false, 100_000)),
                List.of(List.of("email")));
    }

    static AppDefinition deal() {
        return new AppDefinition("deal", "Deals", List.of(
                field("external_id", "External ID", TEXT, true, true, 100),
                field("name", "Name", TEXT, true, false, 255),
                field("amount", "Amount", DECIMAL, false, false, null),
                field("currency", "Currency", TEXT, false, false, 3),
                new FieldDefinition("stage", "Stage", CHOICE, false, false, null,
                        List.of("Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won",
                                "Closed Lost"), null),
                field("close_date", "Close Date", DATE, false, false, null),
                new FieldDefinition("company", "Company", REFERENCE, false, false, 255, null, "company"),
                field("owner", "Owner", TEXT, false, false, 255)),
                List.of(List.of("external_id")));
    }

    private static FieldDefinition field(String name, String label, FieldType type, boolean required,
            boolean unique, Integer maxLength) {
        return new FieldDefinition(name, label, type, required, unique, maxLength, null, null);
    }
}

package org.hotline.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hotline.customer.CustomerImport.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerImportTest {

    private static final String HEADER = "id,name,phones,email,language,tier,account,notes\n";

    private final CustomerImport importer = new CustomerImport("US");

    private ImportReport csv(String rows) {
        return importer.read(HEADER + rows, Format.CSV);
    }

    private static RowError onlyError(ImportReport report) {
        assertEquals(1, report.errors().size(), () -> "errors: " + report.errors());
        return report.errors().get(0);
    }

    private static void assertReason(ImportReport report, long line, String id, String reasonPart) {
        RowError error = onlyError(report);
        assertEquals(line, error.line(), error.toString());
        assertEquals(id, error.id(), error.toString());
        assertTrue(error.reason().contains(reasonPart), () -> "reason '" + error.reason() + "' lacks '" + reasonPart + "'");
    }

    // ---- CSV: good rows ----

    @Test
    void csvRowsLoadWithNormalisedPhonesQuotedFieldsAndDefaults() {
        ImportReport report = csv("""
                C1,Ann Lee,(415) 555-0101;+44 20 7946 0018,ann@example.com,en,VIP,ACC-1,"likes mornings, not evenings"
                C2,"Bo ""Bobby"" Chen",4155550102,,zh,,,"two
                lines"
                C3,Cy,415-555-0103,cy@example.org,es-MX,standard,ACC-3,
                """);
        assertEquals(List.of(), report.errors());
        assertEquals(3, report.loaded());
        Customer ann = report.customers().get(0).customer();
        assertEquals(List.of("+14155550101", "+442079460018"), ann.phones());
        assertEquals("vip", ann.tier());
        assertTrue(ann.isVip());
        assertEquals("likes mornings, not evenings", ann.notes());
        Customer bo = report.customers().get(1).customer();
        assertEquals("Bo \"Bobby\" Chen", bo.name());
        assertEquals("two\nlines", bo.notes());
        assertNull(bo.email());
        assertEquals(CustomerRows.DEFAULT_TIER, bo.tier());
        assertNull(bo.account());
        assertEquals("C3", report.customers().get(2).customer().id());
    }

    @Test
    void csvColumnsMayComeInAnyOrderAndBlankLinesAndAByteOrderMarkAreIgnored() {
        ImportReport report = importer.read("\uFEFF Name ,ID,phones,notes,account,tier,language,email\n\n"
                + "Ann,C1,4155550101,,,,,\n   \n", Format.CSV);
        assertEquals(List.of(), report.errors());
        assertEquals("Ann", report.customers().get(0).customer().name());
        assertEquals("C1", report.customers().get(0).customer().id());
    }

    @Test
    void csvLineNumbersAreTheRowsFirstPhysicalLine() {
        ImportReport report = csv("""
                C1,Ann,4155550101,,,,,"one
                two
                three"

                C2,,4155550102,,,,,
                """);
        // header 1, C1 on 2-4, blank 5, C2 on 6
        assertReason(report, 6, "C2", "missing name");
        assertEquals(1, report.loaded());
    }

    // ---- CSV: every row error, and the good rows still load ----

    @Test
    void missingId() {
        ImportReport report = csv("C1,Ann,4155550101,,,,,\n ,Bob,4155550102,,,,,\n");
        assertReason(report, 3, null, "missing id");
        assertEquals(1, report.loaded());
    }

    @Test
    void badIdCharacters() {
        assertReason(csv("C 1,Ann,4155550101,,,,,\nC2,Bo,4155550102,,,,,\n"), 2, "C 1", "letters, digits");
        assertReason(csv("C/1,Ann,4155550101,,,,,\n"), 2, "C/1", "letters, digits");
        assertEquals(1, csv("a.B-c_9,Ann,4155550101,,,,,\n").loaded());
    }

    @Test
    void missingName() {
        assertReason(csv("C1,  ,4155550101,,,,,\n"), 2, "C1", "missing name");
    }

    @Test
    void noPhone() {
        assertReason(csv("C1,Ann,,,,,,\n"), 2, "C1", "no phone");
        assertReason(csv("C1,Ann, ; ,,,,,\n"), 2, "C1", "no phone");
    }

    @Test
    void aPhoneThatNormalisesToNothing() {
        assertReason(csv("C1,Ann,4155550101;call me,,,,,\n"), 2, "C1", "phone 'call me' is not a phone number");
    }

    @Test
    void aPhoneGivenTwiceForDifferentCustomersRejectsTheLaterRowNamingTheEarlierId() {
        ImportReport report = csv("""
                C1,Ann,(415) 555-0101,,,,,
                C2,Bo,+1 415 555 0101,,,,,
                C3,Cy,4155550103,,,,,
                """);
        assertReason(report, 3, "C2", "phone +14155550101 is already customer C1's (line 2)");
        assertEquals(List.of("C1", "C3"), report.customers().stream().map(c -> c.customer().id()).toList());
    }

    @Test
    void aPhoneRepeatedWithinOneCustomerIsKeptOnce() {
        ImportReport report = csv("C1,Ann,4155550101;(415) 555-0101,,,,,\n");
        assertEquals(List.of("+14155550101"), report.customers().get(0).customer().phones());
    }

    @Test
    void aRejectedRowTakesNoPhoneFromLaterRows() {
        ImportReport report = csv("C1,,4155550101,,,,,\nC2,Bo,4155550101,,,,,\n");
        assertReason(report, 2, "C1", "missing name");
        assertEquals("C2", report.customers().get(0).customer().id());
    }

    @Test
    void anIdGivenTwiceInOneFile() {
        assertReason(csv("C1,Ann,4155550101,,,,,\nC1,Ann,4155550102,,,,,\n"), 3, "C1", "already given on line 2");
    }

    @Test
    void badEmail() {
        assertReason(csv("C1,Ann,4155550101,ann.example.com,,,,\n"), 2, "C1", "email 'ann.example.com'");
        assertReason(csv("C1,Ann,4155550101,ann@example,,,,\n"), 2, "C1", "is not an email address");
        assertReason(csv("C1,Ann,4155550101,a n@example.com,,,,\n"), 2, "C1", "is not an email address");
    }

    @Test
    void tierNotAWord() {
        assertReason(csv("C1,Ann,4155550101,,,gold star,,\n"), 2, "C1", "tier 'gold star' is not a word");
    }

    @Test
    void badLanguage() {
        assertReason(csv("C1,Ann,4155550101,,english please,,,\n"), 2, "C1", "language 'english please'");
    }

    @Test
    void aRowWithTooManyOrTooFewFields() {
        assertReason(csv("C1,Ann,4155550101,,,,,notes, with a comma\n"), 2, "C1", "has 9 fields where the header has 8");
        assertReason(csv("C1,Ann,4155550101\n"), 2, "C1", "has 3 fields where the header has 8");
    }

    @Test
    void everyProblemOfARowIsReportedAtOnce() {
        RowError error = onlyError(csv("C 1,,,bad,,x y,,\n"));
        assertEquals("id 'C 1' must be 1-100 letters, digits, '-', '_' or '.'; missing name; no phone; "
                + "email 'bad' is not an email address; tier 'x y' is not a word (e.g. standard, vip)", error.reason());
        assertEquals("line 2: " + error.reason(), error.describe());
    }

    // ---- CSV: the file as a whole ----

    @Test
    void aHeaderWithAMissingColumnIsRejectedWhole() {
        CustomerImportException e = assertThrows(CustomerImportException.class,
                () -> importer.read("id,name,phones,email,language,tier,account\nC1,Ann,4155550101,,,,\n", Format.CSV));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("missing column notes"), e.getMessage());
    }

    @Test
    void aHeaderWithAnUnknownOrRepeatedColumnIsRejectedWhole() {
        CustomerImportException e = assertThrows(CustomerImportException.class,
                () -> importer.read("id,name,phones,email,language,tier,account,notes,fax,name\n", Format.CSV));
        assertTrue(e.getMessage().contains("unknown column 'fax'"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'name' is named twice"), e.getMessage());
    }

    @Test
    void anEmptyCsvIsRejectedWhole() {
        assertThrows(CustomerImportException.class, () -> importer.read("\n\n", Format.CSV));
    }

    @Test
    void anUnclosedQuoteIsRejectedWhole() {
        assertThrows(CustomerImportException.class, () -> csv("C1,Ann,4155550101,,,,,\"never closed\n"));
    }

    // ---- JSON ----

    private static final String GOOD_JSON = """
            [
              {"id": "C1", "name": "Ann Lee", "phones": ["(415) 555-0101", "+86 138 0013 8000"],
               "email": "ann@example.com", "language": "zh", "tier": "vip", "account": "ACC-1", "notes": null,
               "tickets": [{"id": "T1", "subject": "Refund", "status": "open", "opened": "2026-11-20"},
                           {"id": "T0", "subject": "Login", "status": "Closed", "opened": "2026-10-01T08:00:00Z"}],
               "history": [{"at": "2026-11-21T09:00:00Z", "channel": "Phone", "queue": "support", "agent": "1001",
                            "outcome": "answered", "disposition": "resolved", "resolved": true, "summary": "refund asked"},
                           {"id": "mail-7", "at": "2026-11-22T10:00:00+08:00", "channel": "email"},
                           {"at": "2026-11-21T09:00:00Z", "channel": "phone"}],
               "orders": [{"id": "O-1", "status": "out for delivery"}]},
              {"id": "C2", "name": "Bo", "phones": ["4155550102"]}
            ]
            """;

    @Test
    void jsonCustomersCarryTicketsHistoryAndOrders() {
        ImportReport report = importer.read(GOOD_JSON, Format.JSON);
        assertEquals(List.of(), report.errors());
        assertEquals(2, report.loaded());
        CustomerWithHistory ann = report.customers().get(0);
        assertEquals(List.of("+14155550101", "+8613800138000"), ann.customer().phones());
        assertEquals(List.of(new Ticket("T1", "Refund", "open", Instant.parse("2026-11-20T00:00:00Z"))),
                ann.customer().openTickets());
        assertEquals("closed", ann.customer().tickets().get(1).status());
        assertEquals(List.of(new Order("O-1", "out for delivery")), ann.customer().orders());
        // oldest first; ids made up deterministically where the file gives none
        assertEquals(List.of("import:2026-11-21T09:00:00Z:phone", "import:2026-11-21T09:00:00Z:phone:2", "mail-7"),
                ann.history().stream().map(Interaction::id).toList());
        Interaction call = ann.history().get(0);
        assertEquals("phone", call.channel());
        assertEquals(Boolean.TRUE, call.resolved());
        assertEquals("refund asked", call.summary());
        assertEquals(Instant.parse("2026-11-22T02:00:00Z"), ann.history().get(2).at());
        assertEquals(List.of(), report.customers().get(1).history());
    }

    @Test
    void jsonLineNumbersAreWhereTheObjectStarts() {
        ImportReport report = importer.read("""
                [
                  {"id": "C1", "name": "Ann", "phones": ["4155550101"]},
                  {
                    "id": "C2",
                    "phones": ["4155550102"]
                  }
                ]
                """, Format.JSON);
        assertReason(report, 3, "C2", "missing name");
    }

    @Test
    void jsonUnknownFieldIsAnErrorForThatRow() {
        ImportReport report = importer.read("""
                [{"id": "C1", "name": "Ann", "phones": ["4155550101"], "fax": "x"},
                 {"id": "C2", "name": "Bo", "phones": ["4155550102"], "tickets": [{"id": "T", "owner": "x"}]},
                 {"id": "C3", "name": "Cy", "phones": ["4155550103"]}]
                """, Format.JSON);
        assertEquals(2, report.errors().size());
        assertTrue(report.errors().get(0).reason().contains("unknown field 'fax'"), report.errors().toString());
        assertTrue(report.errors().get(1).reason().contains("unknown field 'tickets[0].owner'"), report.errors().toString());
        assertEquals("C3", report.customers().get(0).customer().id());
    }

    @Test
    void jsonBadTicketDate() {
        assertReason(importer.read("""
                [{"id": "C1", "name": "Ann", "phones": ["4155550101"],
                  "tickets": [{"id": "T1", "opened": "20/11/2026"}]}]
                """, Format.JSON), 1, "C1", "tickets[0].opened '20/11/2026' is not a date");
    }

    @Test
    void jsonBadHistoryDateAndAMissingOne() {
        assertReason(importer.read("""
                [{"id": "C1", "name": "Ann", "phones": ["4155550101"],
                  "history": [{"at": "2026-11-21T09:00:00", "channel": "chat"}]}]
                """, Format.JSON), 1, "C1", "history[0].at '2026-11-21T09:00:00' is not a date");
        assertReason(importer.read("""
                [{"id": "C1", "name": "Ann", "phones": ["4155550101"], "history": [{"channel": "chat"}]}]
                """, Format.JSON), 1, "C1", "history[0]: missing at");
    }

    @Test
    void jsonHistoryChannelMissing() {
        assertReason(importer.read("""
                [{"id": "C1", "name": "Ann", "phones": ["4155550101"],
                  "history": [{"at": "2026-11-21T09:00:00Z", "channel": " "}]}]
                """, Format.JSON), 1, "C1", "history[0]: missing channel");
    }

    @Test
    void jsonWrongShapes() {
        ImportReport report = importer.read("""
                [{"id": "C1", "name": "Ann", "phones": "4155550101"},
                 {"id": "C2", "name": ["Bo"], "phones": ["4155550102"]},
                 {"id": "C3", "name": "Cy", "phones": ["4155550103"], "history": {"at": "x"}},
                 {"id": "C4", "name": "Di", "phones": ["4155550104"], "history": [{"at": "2026-11-21", "channel": "web", "resolved": "yes"}]},
                 "C5",
                 {"id": 6, "name": "Ed", "phones": [4155550106]}]
                """, Format.JSON);
        List<String> reasons = report.errors().stream().map(RowError::reason).toList();
        assertEquals(5, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("phones must be a list"), reasons.get(0));
        assertTrue(reasons.get(1).contains("name must be text"), reasons.get(1));
        assertTrue(reasons.get(2).contains("history must be a list of objects"), reasons.get(2));
        assertTrue(reasons.get(3).contains("history[0].resolved must be true, false or null"), reasons.get(3));
        assertTrue(reasons.get(4).contains("expected an object"), reasons.get(4));
        assertEquals("6", report.customers().get(0).customer().id());
        assertEquals(List.of("+14155550106"), report.customers().get(0).customer().phones());
    }

    @Test
    void jsonThatIsNotAnArrayOrBreaksOffIsRejectedWhole() {
        CustomerImportException notArray = assertThrows(CustomerImportException.class,
                () -> importer.read("{\"id\": \"C1\"}", Format.JSON));
        assertTrue(notArray.getMessage().contains("expected a JSON array"), notArray.getMessage());
        CustomerImportException broken = assertThrows(CustomerImportException.class,
                () -> importer.read("[\n{\"id\": \"C1\", \"name\": \"Ann\",\n \"phones\": [\"1\"] ,,}\n]", Format.JSON));
        assertEquals(3, broken.line(), broken.getMessage());
        assertThrows(CustomerImportException.class, () -> importer.read("[{\"id\": \"C1\"}", Format.JSON));
        assertThrows(CustomerImportException.class, () -> importer.read("  ", Format.JSON));
        assertEquals(0, importer.read("[]", Format.JSON).loaded());
    }

    // ---- files and formats ----

    @Test
    void formatByExtensionElseByContent() {
        assertEquals(Format.CSV, CustomerImport.formatOf(Path.of("a.CSV"), "[]"));
        assertEquals(Format.JSON, CustomerImport.formatOf(Path.of("a.json"), "id,name"));
        assertEquals(Format.JSON, CustomerImport.formatOf(Path.of("customers.txt"), "\uFEFF\n  [ {} ]"));
        assertEquals(Format.CSV, CustomerImport.formatOf(Path.of("customers"), HEADER));
    }

    @Test
    void readsFilesAndRejectsOnesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("customers.data");
        Files.writeString(json, GOOD_JSON);
        assertEquals(2, importer.read(json).loaded());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, (HEADER + "C1,Ren\u00e9,4155550101,,,,,\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CustomerImportException e = assertThrows(CustomerImportException.class, () -> importer.read(latin1));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());

        assertThrows(CustomerImportException.class, () -> importer.read(dir.resolve("missing.csv")));
    }

    @Test
    void theCommittedSampleFileLoadsWhole() {
        ImportReport report = importer.read(Path.of("config/customers-sample.csv"));
        assertEquals(List.of(), report.errors());
        assertEquals(10, report.loaded());
        assertTrue(report.customers().stream().anyMatch(c -> c.customer().phones().size() == 2));
        assertTrue(report.customers().stream().anyMatch(c -> c.customer().notes() != null && c.customer().notes().contains(",")));
    }
}

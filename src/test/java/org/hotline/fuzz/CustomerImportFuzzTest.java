package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.hotline.customer.Customer;
import org.hotline.customer.CustomerImport;
import org.hotline.customer.CustomerImportException;
import org.hotline.customer.CustomerWithHistory;
import org.hotline.customer.ImportReport;
import org.hotline.customer.RowError;

/**
 * {@link CustomerImport#read(String, CustomerImport.Format)} on arbitrary CSV and JSON files.
 *
 * <p>Contract: it returns a report or throws {@link CustomerImportException} (the file as a whole
 * cannot be read); never another exception type. In a report every loaded customer has a unique
 * id, a name and at least one phone, each in E.164 or the documented fallback key of digits (a
 * leading {@code +} kept); no phone belongs to two customers; every skipped row says why.
 */
class CustomerImportFuzzTest {

    private static final CustomerImport IMPORT = new CustomerImport("US");

    @FuzzTest
    void csvFile(byte[] content) {
        read(content, CustomerImport.Format.CSV);
    }

    @FuzzTest
    void jsonFile(byte[] content) {
        read(content, CustomerImport.Format.JSON);
    }

    private static void read(byte[] content, CustomerImport.Format format) {
        ImportReport report;
        try {
            report = IMPORT.read(new String(content, StandardCharsets.UTF_8), format);
        } catch (CustomerImportException expected) {
            assertNotNull(expected.getMessage());
            assertTrue(expected.line() >= 0, "negative line");
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (CustomerWithHistory loaded : report.customers()) {
            Customer customer = loaded.customer();
            assertTrue(ids.add(customer.id()), () -> "id loaded twice: " + customer.id());
            assertFalse(customer.name() == null || customer.name().isBlank(), "a customer without a name");
            assertFalse(customer.phones().isEmpty(), "a customer without a phone");
            for (String phone : customer.phones()) {
                assertTrue(phone.matches("\\+?[0-9]+"), () -> "neither E.164 nor a key of digits: " + phone);
                assertTrue(phones.add(phone), () -> "phone of two customers: " + phone);
            }
        }
        for (RowError error : report.errors()) {
            assertFalse(error.reason() == null || error.reason().isBlank(), "a skipped row without a reason");
        }
    }
}

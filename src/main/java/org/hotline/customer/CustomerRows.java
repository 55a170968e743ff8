package org.hotline.customer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the rows of one import file and turns the good ones into customers. A row is a JSON
 * object whatever the file's format (the CSV reader builds one per line, {@code phones} already
 * split), so both formats share every rule and every message.
 *
 * <p>Holds the file's state: ids and phones already taken by earlier rows. A row is judged
 * whole: every problem is reported, and a rejected row takes no id or phone from later rows.
 * Not thread-safe; one instance per file.
 */
final class CustomerRows {

    /** The CSV header's columns, and the profile fields of a JSON object. */
    static final List<String> PROFILE_FIELDS =
            List.of("id", "name", "phones", "email", "language", "tier", "account", "notes");

    static final String DEFAULT_TIER = "standard";

    private static final Set<String> JSON_FIELDS = fields(PROFILE_FIELDS, "tickets", "history", "orders");
    private static final Set<String> TICKET_FIELDS = fields(List.of("id", "subject", "status", "opened"));
    private static final Set<String> ORDER_FIELDS = fields(List.of("id", "status"));
    private static final Set<String> HISTORY_FIELDS = fields(List.of("id", "at", "channel", "queue", "agent",
            "outcome", "disposition", "resolved", "summary"));

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_ID_LENGTH = 100;
    // Deliberately loose: one '@', no spaces, a dot in the domain. Deliverability is the mail
    // server's business; this only catches columns that slipped.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");
    private static final String DATE_HINT = "ISO-8601, e.g. 2026-11-20 or 2026-11-20T10:15:30Z";

    private record Taken(String id, long line) {
    }

    private final String defaultRegion;
    private final Map<String, Long> idLines = new HashMap<>();
    private final Map<String, Taken> phoneOwners = new HashMap<>();
    private final List<CustomerWithHistory> accepted = new ArrayList<>();
    private final List<RowError> rejected = new ArrayList<>();

    CustomerRows(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** Judges the row that starts on {@code line}: accepted, or rejected with every reason. */
    void accept(long line, JsonNode row) {
        if (!row.isObject()) {
            rejected.add(new RowError(line, null, "expected an object with the customer's fields, found "
                    + row.getNodeType().toString().toLowerCase(Locale.ROOT)));
            return;
        }
        List<String> problems = new ArrayList<>();
        unknownFields(row, JSON_FIELDS, "", problems);

        String id = text(row, "id", problems);
        if (id == null) {
            problems.add("missing id");
        } else if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
            problems.add("id '" + id + "' must be 1-" + MAX_ID_LENGTH
                    + " letters, digits, '-', '_' or '.'");
        } else if (idLines.containsKey(id)) {
            problems.add("id " + id + " was already given on line " + idLines.get(id));
        }
        String name = text(row, "name", problems);
        if (name == null) {
            problems.add("missing name");
        }
        List<String> phones = phones(row, id, problems);
        String email = text(row, "email", problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email '" + email + "' is not an email address");
        }
        String language = text(row, "language", problems);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            problems.add("language '" + language + "' is not a language tag (e.g. en, zh, es-MX)");
        }
        String tier = text(row, "tier", problems);
        if (tier != null && !WORD.matcher(tier).matches()) {
            problems.add("tier '" + tier + "' is not a word (e.g. standard, vip)");
        }
        String account = text(row, "account", problems);
        String notes = text(row, "notes", problems);
        List<Ticket> tickets = tickets(row, problems);
        List<Order> orders = orders(row, problems);
        List<Interaction> history = history(row, problems);

        if (!problems.isEmpty()) {
            rejected.add(new RowError(line, id, String.join("; ", problems)));
            return;
        }
        idLines.put(id, line);
        for (String phone : phones) {
            phoneOwners.put(phone, new Taken(id, line));
        }
        Customer customer = new Customer(id, name, phones, email, language,
                tier == null ? DEFAULT_TIER : tier.toLowerCase(Locale.ROOT), account, notes, tickets, orders);
        accepted.add(new CustomerWithHistory(customer, history));
    }

    /** Records a row that could not even be split into fields (e.g. a wrong number of cells). */
    void reject(long line, String id, String reason) {
        rejected.add(new RowError(line, id, reason));
    }

    ImportReport report() {
        return new ImportReport(accepted, rejected);
    }

    private List<String> phones(JsonNode row, String id, List<String> problems) {
        JsonNode node = row.get("phones");
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            problems.add("no phone");
            return List.of();
        }
        if (!node.isArray()) {
            problems.add("phones must be a list of numbers, e.g. [\"+14155550101\"]");
            return List.of();
        }
        Set<String> phones = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual() && !element.isNumber()) {
                problems.add("phones must hold numbers as text, found " + element);
                continue;
            }
            String raw = element.asText().strip();
            if (raw.isEmpty()) {
                continue;
            }
            String number = PhoneNumbers.normalise(raw, defaultRegion);
            if (number == null) {
                problems.add("phone '" + raw + "' is not a phone number");
                continue;
            }
            Taken owner = phoneOwners.get(number);
            if (owner != null && !owner.id().equals(id)) {
                problems.add("phone " + number + " is already customer " + owner.id() + "'s (line "
                        + owner.line() + ")");
                continue;
            }
            phones.add(number);
        }
        if (phones.isEmpty() && problems.stream().noneMatch(p -> p.startsWith("phone"))) {
            problems.add("no phone");
        }
        return List.copyOf(phones);
    }

    private List<Ticket> tickets(JsonNode row, List<String> problems) {
        List<Ticket> tickets = new ArrayList<>();
        for (Element e : elements(row, "tickets", TICKET_FIELDS, problems)) {
            String id = text(e.node(), "id", e.path(), problems);
            if (id == null) {
                problems.add(e.path() + ": missing id");
            }
            String subject = text(e.node(), "subject", e.path(), problems);
            String status = text(e.node(), "status", e.path(), problems);
            Instant opened = instant(e.node(), "opened", e.path(), problems);
            tickets.add(new Ticket(id, subject, status == null ? null : status.toLowerCase(Locale.ROOT), opened));
        }
        return tickets;
    }

    private List<Order> orders(JsonNode row, List<String> problems) {
        List<Order> orders = new ArrayList<>();
        for (Element e : elements(row, "orders", ORDER_FIELDS, problems)) {
            String id = text(e.node(), "id", e.path(), problems);
            if (id == null) {
                problems.add(e.path() + ": missing id");
            }
            orders.add(new Order(id, text(e.node(), "status", e.path(), problems)));
        }
        return orders;
    }

    /**
     * An entry without an id gets {@code import:{at}:{channel}} (numbered when the row repeats
     * it), so importing the same file again replaces its entries instead of adding them twice.
     */
    private List<Interaction> history(JsonNode row, List<String> problems) {
        List<Interaction> history = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element e : elements(row, "history", HISTORY_FIELDS, problems)) {
            JsonNode n = e.node();
            Instant at = null;
            if (text(n, "at", e.path(), problems) == null) {
                problems.add(e.path() + ": missing at (when it happened, " + DATE_HINT + ")");
            } else {
                at = instant(n, "at", e.path(), problems);
            }
            String channel = text(n, "channel", e.path(), problems);
            if (channel == null) {
                problems.add(e.path() + ": missing channel (phone, email, chat, web, ...)");
            }
            String id = text(n, "id", e.path(), problems);
            Boolean resolved = bool(n, "resolved", e.path(), problems);
            if (at == null || channel == null) {
                continue;
            }
            channel = channel.toLowerCase(Locale.ROOT);
            if (id == null) {
                String base = "import:" + at + ":" + channel;
                id = base;
                for (int k = 2; ids.contains(id); k++) {
                    id = base + ":" + k;
                }
            }
            if (!ids.add(id)) {
                problems.add(e.path() + ": id " + id + " is given twice in this customer's history");
                continue;
            }
            history.add(new Interaction(id, at, channel, text(n, "queue", e.path(), problems),
                    text(n, "agent", e.path(), problems), text(n, "outcome", e.path(), problems),
                    text(n, "disposition", e.path(), problems), resolved, text(n, "summary", e.path(), problems)));
        }
        return history;
    }

    private record Element(String path, JsonNode node) {
    }

    /** The objects of the list {@code field}, each with its unknown fields reported. */
    private static List<Element> elements(JsonNode row, String field, Set<String> known, List<String> problems) {
        JsonNode list = row.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(field + " must be a list of objects");
            return List.of();
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(path + " must be an object");
                continue;
            }
            unknownFields(node, known, path + ".", problems);
            elements.add(new Element(path, node));
        }
        return elements;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add("unknown field '" + path + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, List<String> problems) {
        return text(node, field, null, problems);
    }

    /** The field as stripped text; null when absent, null or blank. */
    private static String text(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            problems.add((path == null ? "" : path + ".") + field + " must be text, not a list or object");
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Instant instant(JsonNode node, String field, String path, List<String> problems) {
        String text = text(node, field, path, problems);
        if (text == null) {
            return null;
        }
        try {
            return parseInstant(text);
        } catch (DateTimeParseException e) {
            problems.add(path + "." + field + " '" + text + "' is not a date (" + DATE_HINT + ")");
            return null;
        }
    }

    /** An instant with a zone or offset, or a date alone (midnight UTC). */
    static Instant parseInstant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static Boolean bool(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        problems.add(path + "." + field + " must be true, false or null, not " + value);
        return null;
    }

    private static Set<String> fields(List<String> first, String... more) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(List.of(more));
        return all;
    }
}

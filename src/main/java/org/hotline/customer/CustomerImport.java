package org.hotline.customer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a customer file into customers and the rows it skipped. Pure: it touches no store; the
 * caller saves {@link ImportReport#customers()}.
 *
 * <p><b>CSV</b>: a header naming exactly the columns
 * {@code id,name,phones,email,language,tier,account,notes} in any order (case and spaces around
 * names do not matter), then one customer per row; several phones are separated by {@code ;};
 * fields holding commas, quotes or line breaks are quoted RFC 4180 style. Blank lines are
 * skipped. A row with more or fewer fields than the header is skipped (an unquoted comma is the
 * usual cause).
 *
 * <p><b>JSON</b>: an array of objects with the same fields ({@code phones} a list of strings)
 * plus {@code tickets: [{id, subject, status, opened}]},
 * {@code history: [{id?, at, channel, queue, agent, outcome, disposition, resolved, summary}]} and
 * {@code orders: [{id, status}]}. A field not named here makes its row an error.
 *
 * <p>The checks, each with its own reason, are on {@link CustomerRows}: id present and made of
 * letters, digits, {@code - _ .}, given once per file; a name; at least one phone, each of which
 * normalises ({@link PhoneNumbers}, national numbers in {@code defaultRegion}) and belongs to no
 * earlier customer of the file (the later row is rejected, naming the earlier id); a plausible
 * email; a one-word tier (default {@code standard}); ISO-8601 dates; a channel on every history
 * entry. Tiers and channels are stored lower-case.
 */
public final class CustomerImport {

    /** How a file is read; see {@link #formatOf}. */
    public enum Format { CSV, JSON }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final CsvMapper CSV = new CsvMapper();

    private final String defaultRegion;

    /** @param defaultRegion region of national phone numbers ({@code center.defaultRegion}) */
    public CustomerImport(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * Reads {@code file} (UTF-8, a leading byte-order mark is fine) in the format
     * {@link #formatOf} picks.
     *
     * @throws CustomerImportException when the file cannot be read as a whole; nothing of it is
     *                                 imported then
     */
    public ImportReport read(Path file) {
        String content;
        try {
            byte[] bytes = Files.readAllBytes(file);
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CustomerImportException(file + " is not UTF-8 text", 0, e);
        } catch (IOException e) {
            throw new CustomerImportException("cannot read " + file + ": " + e, 0, e);
        }
        return read(content, formatOf(file, content));
    }

    /**
     * Reads {@code content} as {@code format}.
     *
     * @throws CustomerImportException when the content cannot be read as a whole
     */
    public ImportReport read(String content, Format format) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        CustomerRows rows = new CustomerRows(defaultRegion);
        try {
            if (format == Format.CSV) {
                readCsv(text, rows);
            } else {
                readJson(text, rows);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CustomerImportException("not valid " + format + ": " + e.getOriginalMessage(), line, e);
        } catch (IOException e) {
            throw new CustomerImportException("cannot read the " + format + ": " + e, 0, e);
        }
        return rows.report();
    }

    /**
     * By extension ({@code .csv}, {@code .json}, any case), else by content: JSON when the first
     * character that is not white space is {@code [} or <code>{</code>, CSV otherwise.
     */
    public static Format formatOf(Path file, String content) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        String start = content.replace("\uFEFF", "").stripLeading();
        return start.startsWith("[") || start.startsWith("{") ? Format.JSON : Format.CSV;
    }

    private static void readJson(String text, CustomerRows rows) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CustomerImportException("the file is empty; expected a JSON array of customers", 0);
            }
            if (first != JsonToken.START_ARRAY) {
                throw new CustomerImportException("expected a JSON array of customers, [ {...}, ... ], found "
                        + first.asString(), parser.currentTokenLocation().getLineNr());
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new CustomerImportException("the array of customers is not closed with ]",
                            parser.currentLocation().getLineNr());
                }
                long line = parser.currentTokenLocation().getLineNr();
                JsonNode row = JSON.readTree(parser);
                rows.accept(line, row);
            }
            if (parser.nextToken() != null) {
                throw new CustomerImportException("text after the closing ] of the array",
                        parser.currentTokenLocation().getLineNr());
            }
        }
    }

    private static void readCsv(String text, CustomerRows rows) throws IOException {
        try (CsvParser parser = CSV.getFactory().createParser(text)) {
            parser.setSchema(CsvSchema.emptySchema());
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            List<String> columns = null;
            List<String> cells = new ArrayList<>();
            long line = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    cells.clear();
                } else if (token == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        // The first cell's location is the row's first physical line.
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY && !cells.isEmpty()) {
                    // The parser wraps all rows in one outer array: its END_ARRAY must not
                    // repeat the last row, hence the copy and clear.
                    List<String> row = List.copyOf(cells);
                    cells.clear();
                    if (row.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    if (columns == null) {
                        columns = header(row, line);
                    } else {
                        csvRow(columns, row, line, rows);
                    }
                }
            }
            if (columns == null) {
                throw new CustomerImportException("the file is empty; expected the header "
                        + String.join(",", CustomerRows.PROFILE_FIELDS), 0);
            }
        }
    }

    /** The header's column names in file order, lower-case; exactly the profile fields. */
    private static List<String> header(List<String> cells, long line) {
        List<String> names = cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!CustomerRows.PROFILE_FIELDS.contains(name)) {
                problems.add("unknown column '" + name + "'");
            } else if (!seen.add(name)) {
                problems.add("column '" + name + "' is named twice");
            }
        }
        List<String> missing = CustomerRows.PROFILE_FIELDS.stream().filter(f -> !seen.contains(f)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new CustomerImportException("bad CSV header: " + String.join("; ", problems)
                    + " (the header must name exactly " + String.join(",", CustomerRows.PROFILE_FIELDS)
                    + ", in any order)", line);
        }
        return names;
    }

    private static void csvRow(List<String> columns, List<String> cells, long line, CustomerRows rows) {
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < Math.min(columns.size(), cells.size()); i++) {
            byColumn.put(columns.get(i), cells.get(i));
        }
        if (cells.size() != columns.size()) {
            String id = byColumn.getOrDefault("id", "").strip();
            rows.reject(line, id.isEmpty() ? null : id, "has " + cells.size() + " fields where the header has "
                    + columns.size() + (cells.size() > columns.size() ? " (quote a field that holds a comma)" : ""));
            return;
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> cell : byColumn.entrySet()) {
            if (cell.getKey().equals("phones")) {
                ArrayNode phones = row.putArray("phones");
                for (String phone : cell.getValue().split(";")) {
                    if (!phone.isBlank()) {
                        phones.add(phone.strip());
                    }
                }
            } else {
                row.put(cell.getKey(), cell.getValue());
            }
        }
        rows.accept(line, row);
    }
}

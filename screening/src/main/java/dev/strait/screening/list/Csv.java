package dev.strait.screening.list;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into rows of fields: quotes with doubled-quote escapes, delimiters and line
 * breaks inside quotes, CRLF or LF. The lists mix quoted and unquoted fields on one row (OFAC writes
 * {@code -0- } bare), so this is a small state machine rather than a split.
 */
final class Csv {

    private Csv() {}

    static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                fieldStarted = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || !row.isEmpty() || !field.isEmpty()) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else if (c != '\u001a') { // DOS end-of-file marker some exports still carry
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || !row.isEmpty() || !field.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** The field at {@code index}, trimmed, with OFAC's {@code -0-} (empty) read as "". */
    static String field(List<String> row, int index) {
        if (index < 0 || index >= row.size()) {
            return "";
        }
        String value = row.get(index).trim();
        return value.equals("-0-") ? "" : value;
    }
}

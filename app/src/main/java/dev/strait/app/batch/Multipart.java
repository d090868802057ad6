package dev.strait.app.batch;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code multipart/form-data} body, as SDKs send file uploads: fields by name, the one file's
 * name and bytes. Small on purpose: the body is already in memory within the listener's limit.
 */
record Multipart(Map<String, String> fields, String filename, byte[] file) {

    /** Null when the body is not multipart or has no boundary. */
    static Multipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            return null;
        }
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return null;
        }
        String boundary = contentType.substring(at + 9).split(";")[0].trim();
        if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 1) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new HashMap<>();
        String filename = null;
        byte[] file = null;
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int partStart = start + delimiter.length;
            if (partStart + 1 < body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;
            }
            partStart += 2; // CRLF after the delimiter
            int next = indexOf(body, delimiter, partStart);
            if (next < 0) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headersEnd < 0 || headersEnd > next) {
                break;
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = Math.max(contentStart, next - 2); // the CRLF before the next delimiter
            String name = attribute(headers, "name");
            String partFilename = attribute(headers, "filename");
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            if (partFilename != null || "file".equals(name)) {
                filename = partFilename == null ? "upload" : partFilename;
                file = content;
            } else if (name != null) {
                fields.put(name, new String(content, StandardCharsets.UTF_8));
            }
            start = next;
        }
        return new Multipart(fields, filename, file);
    }

    private static String attribute(String headers, String attribute) {
        for (String line : headers.split("\r\n")) {
            if (!line.toLowerCase().startsWith("content-disposition")) {
                continue;
            }
            for (String piece : line.split(";")) {
                String p = piece.trim();
                if (p.startsWith(attribute + "=")) {
                    String value = p.substring(attribute.length() + 1);
                    return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

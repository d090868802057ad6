package dev.strait.screening.list;

import java.time.LocalDate;
import java.util.List;

/**
 * Which content of a list was screened against: what an audit entry records.
 *
 * @param name the list's name in its directory (its primary file name)
 * @param sha256 hex SHA-256 over the bytes of every file that makes the list, in {@code files} order
 * @param asOf the newest date the content itself carries (designation or update dates), else the
 *     primary file's modification date
 * @param files the files read, primary first
 */
public record ListVersion(String name, ListKind kind, String sha256, LocalDate asOf, int entries, List<String> files) {

    public ListVersion {
        files = List.copyOf(files);
    }
}

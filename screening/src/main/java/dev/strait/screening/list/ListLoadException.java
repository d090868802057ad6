package dev.strait.screening.list;

/** A list file that cannot be read or understood; the message names the file. */
public final class ListLoadException extends RuntimeException {

    public ListLoadException(String message) {
        super(message);
    }

    public ListLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

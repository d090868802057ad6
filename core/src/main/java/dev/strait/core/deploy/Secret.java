package dev.strait.core.deploy;

/** A credential. Its {@code toString} never shows the value, so it cannot leak through a log line. */
public record Secret(String value) {

    public static final Secret NONE = new Secret("");

    public boolean isPresent() {
        return !value.isEmpty();
    }

    @Override
    public String toString() {
        return isPresent() ? "Secret[***]" : "Secret[none]";
    }
}

package dev.strait.app.config;

/** A configuration that cannot be served, with the file, line and field at fault. */
public final class ConfigException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    public ConfigException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}

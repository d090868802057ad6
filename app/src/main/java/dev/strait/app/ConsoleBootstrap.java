package dev.strait.app;

import dev.strait.store.operator.Operators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The console's first operator: on a database with none, {@code admin} is made with a random
 * password written to {@code <data-dir>/console-password} (owner-readable only), as the admin
 * token is. Further operators are added from the console or with {@code strait operators add}.
 */
final class ConsoleBootstrap {

    static final String PASSWORD_FILE = "console-password";

    private ConsoleBootstrap() {}

    /** True when this start made the first operator. */
    static boolean ensureFirstOperator(Operators operators, Path dataDir, SecureRandom random) throws SQLException {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!operators.list().isEmpty() || !operators.createFirst("admin", "admin", password.toCharArray())) {
            return false;
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions have to do.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first operator's password to " + file, e);
        }
        return true;
    }
}

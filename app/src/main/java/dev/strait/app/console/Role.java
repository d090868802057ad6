package dev.strait.app.console;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An operator's role. Finance sees traffic and money only; compliance sees customers and the trust
 * plane and decides reviews and screening hits; admin may do everything, as the admin token may.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    COMPLIANCE(EnumSet.of(Permission.READ_ORGS, Permission.READ_TRUST, Permission.REVIEW)),
    FINANCE(EnumSet.of(Permission.READ_USAGE));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}

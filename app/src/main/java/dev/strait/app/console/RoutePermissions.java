package dev.strait.app.console;

import io.vertx.core.http.HttpMethod;

/**
 * The one table of which permission each admin route needs. A route missing from it needs
 * {@link Permission#MANAGE}: a route added later is the admin's alone until it is placed here.
 */
public final class RoutePermissions {

    private RoutePermissions() {}

    /** @param parts the path split on '/', {@code parts[0]} being "admin" */
    public static Permission required(HttpMethod method, String[] parts) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        String area = parts.length > 1 ? parts[1] : "";
        String last = parts[parts.length - 1];
        return switch (area) {
            case "usage", "reports" -> read ? Permission.READ_USAGE : Permission.MANAGE;
            case "orgs", "projects", "keys", "deployments" -> read ? Permission.READ_ORGS : Permission.MANAGE;
            case "policy" -> read ? Permission.READ_ORGS : Permission.MANAGE;
            case "audit" -> read ? Permission.READ_TRUST : Permission.MANAGE;
            case "monitor" -> read ? Permission.READ_TRUST
                    : parts.length == 5 && parts[2].equals("cases") && last.equals("decision") ? Permission.REVIEW
                    : Permission.MANAGE;
            case "screening" -> read ? Permission.READ_TRUST
                    : parts.length == 3 && last.equals("check") ? Permission.READ_TRUST
                    : parts.length == 4 && last.equals("resolve") ? Permission.REVIEW
                    : Permission.MANAGE;
            // Searching and attributing read the index; only erasure changes it.
            case "provenance" -> read || (parts.length == 3 && (last.equals("search") || last.equals("attribute")))
                    ? Permission.READ_TRUST : Permission.MANAGE;
            default -> Permission.MANAGE;
        };
    }
}

package dev.strait.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.admin.AdminApi;
import dev.strait.app.admin.AdminSection;
import dev.strait.store.operator.Operator;
import dev.strait.store.operator.Operators;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /admin/operators}: list, add ({@code POST {"name","role","password"}}), change a password
 * ({@code POST /admin/operators/{name}/password}) or a role ({@code POST …/{name}/role}). Admins
 * only; every change is audited without the password, and ends the operator's sessions.
 */
public final class OperatorsApi implements AdminSection {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough that guessing within the login throttle is hopeless. */
    static final int MIN_PASSWORD = 12;

    private final Operators operators;

    public OperatorsApi(Operators operators) {
        this.operators = operators;
    }

    @Override
    public AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (parts.length < 2 || !parts[1].equals("operators")) {
            return null;
        }
        try {
            if (parts.length == 2 && method == HttpMethod.GET) {
                ObjectNode out = JSON.createObjectNode();
                var data = out.putArray("data");
                operators.list().forEach(o -> data.add(view(o)));
                return AdminApi.ok(out);
            }
            if (parts.length == 2 && method == HttpMethod.POST) {
                JsonNode in = AdminApi.json(body);
                Operator made = operators.create(actor, AdminApi.text(in, "name"), AdminApi.text(in, "role"),
                        password(in));
                return new AdminApi.Reply(201, view(made));
            }
            if (parts.length == 4 && parts[3].equals("password") && method == HttpMethod.POST) {
                return AdminApi.ok(view(operators.changePassword(actor, parts[2], password(AdminApi.json(body)))));
            }
            if (parts.length == 4 && parts[3].equals("role") && method == HttpMethod.POST) {
                return AdminApi.ok(view(operators.changeRole(actor, parts[2], AdminApi.text(AdminApi.json(body), "role"))));
            }
        } catch (IllegalArgumentException e) {
            throw new AdminApi.BadRequest(e.getMessage());
        }
        return null;
    }

    private static char[] password(JsonNode in) {
        String password = AdminApi.text(in, "password");
        if (password.length() < MIN_PASSWORD) {
            throw new AdminApi.BadRequest("a password has at least " + MIN_PASSWORD + " characters");
        }
        return password.toCharArray();
    }

    static ObjectNode view(Operator o) {
        return JSON.createObjectNode().put("name", o.name()).put("role", o.role())
                .put("created_at", o.createdAt().toString()).put("updated_at", o.updatedAt().toString());
    }
}

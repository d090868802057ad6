package dev.strait.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.store.access.AccessStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The demo's customers, made on a fresh embedded node: one verified enterprise per market, an
 * individual developer and a company still pending verification, each with a ready key. Keys are
 * shown once, so they are written to {@code demo-keys.json} in the data directory.
 */
public final class DemoSeed {

    private record Customer(String name, String registration, String market, OrgKind kind, OrgState state) {}

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("Shanghai Example Trading Co., Ltd.", "91310000EXAMPLE01", "CN", OrgKind.ENTERPRISE, OrgState.VERIFIED),
            new Customer("Example Corp.", "US-DE-0000001", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
            new Customer("Beispiel GmbH", "HRB 000001", "EU", OrgKind.ENTERPRISE, OrgState.VERIFIED),
            new Customer("Jane Developer", null, "US", OrgKind.INDIVIDUAL, OrgState.VERIFIED),
            new Customer("Pending Example Inc.", "US-DE-0000002", "US", OrgKind.ENTERPRISE, OrgState.PENDING));

    private DemoSeed() {}

    /** Seeds an empty node; returns the keys file, which exists afterwards in either case. */
    public static Path ensure(AccessStore store, Path dataDir) throws SQLException, IOException {
        Path file = dataDir.resolve("demo-keys.json");
        if (!store.organizations().isEmpty()) {
            return file;
        }
        ArrayNode keys = new ObjectMapper().createArrayNode();
        for (Customer c : CUSTOMERS) {
            Organization org = store.createOrganization("demo-seed", c.name(), c.registration(), c.market(), c.kind(),
                    List.of("compliance@" + c.market().toLowerCase() + ".example"));
            if (c.state() != OrgState.PENDING) {
                org = store.changeState("demo-seed", org.id(), c.state(), "demo customer");
            }
            AccessStore.CreatedKey key = store.createKey("demo-seed", org.id(), null, "demo", Set.of(), null);
            keys.addObject().put("org", org.id()).put("name", org.legalName()).put("market", org.market())
                    .put("kind", org.kind().id()).put("state", org.state().id()).put("key", key.secret());
        }
        Files.createDirectories(dataDir);
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(keys) + "\n");
        return file;
    }
}

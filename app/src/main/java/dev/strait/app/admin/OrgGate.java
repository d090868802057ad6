package dev.strait.app.admin;

import dev.strait.core.access.Organization;

/** What must happen when an organization is created, and hold before it is verified (screening). */
public interface OrgGate {

    OrgGate OPEN = new OrgGate() {
        @Override
        public void created(Organization org) {}

        @Override
        public void beforeVerification(String orgId) {}
    };

    void created(Organization org) throws Exception;

    /** Throws {@link dev.strait.store.access.AccessStore.Conflict} to refuse. */
    void beforeVerification(String orgId) throws Exception;
}

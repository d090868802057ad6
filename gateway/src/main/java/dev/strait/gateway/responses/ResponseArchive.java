package dev.strait.gateway.responses;

/**
 * Where stored responses outlive this node's memory (PostgreSQL in a node). Every method blocks:
 * the {@link ResponseStore} calls them on its writer thread or a worker, never on an event loop.
 */
public interface ResponseArchive {

    void save(StoredResponse response) throws Exception;

    void delete(String orgId, String id) throws Exception;

    /** The response if {@code orgId} owns it; null otherwise, whoever else may own it. */
    StoredResponse load(String orgId, String id) throws Exception;

    ResponseArchive NONE = new ResponseArchive() {
        @Override
        public void save(StoredResponse response) {}

        @Override
        public void delete(String orgId, String id) {}

        @Override
        public StoredResponse load(String orgId, String id) {
            return null;
        }
    };
}

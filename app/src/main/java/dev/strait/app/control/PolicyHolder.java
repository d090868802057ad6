package dev.strait.app.control;

import dev.strait.app.config.ConfigException;
import dev.strait.app.config.PolicyLoader;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.store.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The market policy in force. A reload that fails keeps the last good policy serving and says
 * why; one that succeeds is recorded in the audit chain with the file's hash. Watches its file
 * and reloads when it changes, so an edit needs no restart.
 */
public final class PolicyHolder implements Supplier<Policy>, AutoCloseable {

    /** What a reload did. */
    public record Outcome(boolean changed, String sha256, String error) {}

    private final PolicyLoader loader;
    private final Path file;
    private final AuditLog audit;
    private final JsonLog log;
    private final Thread watcher;
    private volatile Policy current;
    private volatile String lastError;
    private volatile long lastModified;

    /** @param file the policy file, or null to serve the built-in policy (nothing to watch) */
    public PolicyHolder(PolicyLoader loader, Path file, AuditLog audit, JsonLog log, Duration pollEvery) {
        this.loader = loader;
        this.file = file;
        this.audit = audit;
        this.log = log;
        this.current = file == null ? loader.loadDefault() : loader.load(file);
        this.lastModified = modified();
        this.watcher = file == null ? null : Thread.ofPlatform().daemon().name("strait-policy-watch").start(() -> {
            while (true) {
                try {
                    Thread.sleep(pollEvery);
                } catch (InterruptedException e) {
                    return;
                }
                long seen = modified();
                if (seen != lastModified && settled(seen)) {
                    reload("policy-watcher");
                }
            }
        });
    }

    @Override
    public Policy get() {
        return current;
    }

    public String lastError() {
        return lastError;
    }

    public synchronized Outcome reload(String actor) {
        if (file == null) {
            return new Outcome(false, current.sha256(), null);
        }
        lastModified = modified();
        Policy next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            lastError = e.getMessage();
            log.write(log.line("error", "policy rejected; the last good policy keeps serving").put("error", e.getMessage()));
            appendAudit(actor, "policy.rejected", e.getMessage());
            return new Outcome(false, current.sha256(), e.getMessage());
        }
        lastError = null;
        if (next.sha256().equals(current.sha256())) {
            return new Outcome(false, next.sha256(), null);
        }
        String previous = current.sha256();
        current = next;
        log.write(log.line("info", "policy reloaded").put("sha256", next.sha256()));
        appendAudit(actor, "policy.change", previous + " -> " + next.sha256());
        return new Outcome(true, next.sha256(), null);
    }

    private void appendAudit(String actor, String action, String detail) {
        try {
            audit.append(actor, action, file.toString(), detail);
        } catch (java.sql.SQLException e) {
            log.write(log.line("error", "policy change could not be audited").put("error", e.getMessage()));
        }
    }

    /**
     * Whether a changed file has stopped changing: an editor or a copy that writes in place can be
     * caught half-way, and half a policy may still parse (fewer markets, say). Writing a new file and
     * renaming it over the old one is the safe way; this only narrows the window for the other ways.
     */
    private boolean settled(long seen) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return modified() == seen;
    }

    private long modified() {
        try {
            return file == null ? 0 : Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}

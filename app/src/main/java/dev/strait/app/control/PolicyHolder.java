package dev.strait.app.control;

import dev.strait.app.config.ConfigException;
import dev.strait.app.config.PolicyLoader;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.store.audit.AuditLog;
import dev.strait.store.policy.PolicyVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The market policy in force. A reload that fails keeps the last good policy serving and says
 * why; one that succeeds is recorded in the audit chain with the file's hash. Watches its file
 * and reloads when it changes, so an edit needs no restart.
 *
 * <p>Replicas share one policy through PostgreSQL ({@link PolicyVersions}): a policy put in force
 * on one replica — its file edited, then reloaded by the watcher or the admin API — is stored there,
 * and every replica adopts the newest stored policy within one poll, whatever its own file says.
 * The last change wins, and a start is a change: a replica started with another file puts that file
 * in force everywhere (audited), so replicas must be given the same file (one ConfigMap).
 */
public final class PolicyHolder implements Supplier<Policy>, AutoCloseable {

    /** What a reload did. */
    public record Outcome(boolean changed, String sha256, String error) {}

    private final PolicyLoader loader;
    private final Path file;
    private final PolicyVersions versions;
    private final AuditLog audit;
    private final JsonLog log;
    private final Thread watcher;
    private volatile Policy current;
    private volatile String lastError;
    private volatile long lastModified;
    /** A change made here that the database has not taken yet: published before anything is adopted. */
    private String unpublished;
    /** A stored policy this node cannot load (say, a region it does not know): said once, not every poll. */
    private String refusedSha;

    /** @param file the policy file, or null to serve the built-in policy (nothing to watch) */
    public PolicyHolder(PolicyLoader loader, Path file, AuditLog audit, JsonLog log, Duration pollEvery) {
        this(loader, file, null, audit, log, pollEvery);
    }

    /** @param versions the policy shared with other replicas, or null for a node on its own */
    public PolicyHolder(PolicyLoader loader, Path file, PolicyVersions versions, AuditLog audit, JsonLog log,
            Duration pollEvery) {
        this.loader = loader;
        this.file = file;
        this.versions = file == null ? null : versions;
        this.audit = audit;
        this.log = log;
        String text = file == null ? null : read(file);
        this.current = file == null ? loader.loadDefault() : loader.parse(file.toString(), text);
        this.lastModified = modified();
        if (this.versions != null) {
            join(text);
        }
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
                follow();
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
        String text;
        try {
            text = read(file);
            next = loader.parse(file.toString(), text);
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
        if (versions != null) {
            unpublished = text;
            publishPending(actor);
        }
        return new Outcome(true, next.sha256(), null);
    }

    /** At start: this file's policy is put in force for all (the last change wins, a start included). */
    private synchronized void join(String text) {
        try {
            Optional<String> newest = versions.latestSha256();
            if (versions.publish(current.sha256(), text, "startup", "startup") && newest.isPresent()) {
                appendAudit("startup", "policy.change", newest.get() + " -> " + current.sha256());
            }
        } catch (SQLException e) {
            log.write(log.line("warn", "the replicas' shared policy could not be read; serving this node's file")
                    .put("error", e.getMessage()));
        }
    }

    /** On each poll: adopt the newest stored policy if another replica changed it. */
    private synchronized void follow() {
        if (versions == null) {
            return;
        }
        try {
            if (unpublished != null) {
                publishPending("policy-watcher");
                if (unpublished != null) {
                    return;
                }
            }
            Optional<String> newest = versions.latestSha256();
            if (newest.isPresent() && !newest.get().equals(current.sha256()) && !newest.get().equals(refusedSha)) {
                versions.latest().ifPresent(this::adopt);
            }
        } catch (SQLException e) {
            // The database is away: the policy in force keeps serving, and the next poll tries again.
        }
    }

    private void adopt(PolicyVersions.Version version) {
        try {
            Policy next = loader.parse(file.toString(), version.body());
            current = next;
            lastError = null;
            log.write(log.line("info", "policy adopted from the replicas' shared policy").put("sha256", next.sha256()));
        } catch (ConfigException e) {
            refusedSha = version.sha256();
            lastError = e.getMessage();
            log.write(log.line("error", "another replica's policy cannot be loaded here; the last good policy keeps"
                    + " serving").put("sha256", version.sha256()).put("error", e.getMessage()));
        }
    }

    private void publishPending(String actor) {
        try {
            versions.publish(current.sha256(), unpublished, "reload", actor);
            unpublished = null;
        } catch (SQLException e) {
            log.write(log.line("warn", "policy in force here, not yet shared with the other replicas")
                    .put("error", e.getMessage()));
        }
    }

    private void appendAudit(String actor, String action, String detail) {
        try {
            audit.append(actor, action, file.toString(), detail);
        } catch (java.sql.SQLException e) {
            log.write(log.line("error", "policy change could not be audited").put("error", e.getMessage()));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "(file)", "cannot be read: " + e.getMessage());
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

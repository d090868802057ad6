package dev.strait.provenance.index;

import dev.strait.provenance.signature.Probe;
import dev.strait.provenance.signature.Signature;
import dev.strait.provenance.signature.SignatureScheme;
import dev.strait.provenance.store.SegmentLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Output provenance: a durable, file-backed index of completion signatures that answers which
 * organizations generated a text or a dataset.
 *
 * <p><b>Feeding it.</b> The gateway calls {@link #offer} once per finished completion (streamed or
 * not); it never blocks. A single writer thread signs queued completions, appends them to the
 * segment log (fsync per batch) and publishes them to the in-memory structures; {@link #flush}
 * waits for that. {@link #index} does the same synchronously, for backfills and benchmarks.
 *
 * <p><b>Memory.</b> Per generation: its kept fingerprints as 8-byte postings (32 to 48 of them) and
 * about 23 bytes of columns ({@link GenerationTable}); key, request id, model and MinHash stay on
 * disk and are read only for the generations a query reports.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Queries share a read lock; the writer's publish
 * and the purges take the write lock.
 */
public final class ProvenanceIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProvenanceIndex.class.getName());

    /**
     * @param queueCapacity completions waiting to be indexed before {@link #offer} drops
     * @param batchSize completions per disk write and fsync
     * @param segmentBytes size at which a new segment file is started
     */
    public record Options(int queueCapacity, int batchSize, long segmentBytes, MatchRules rules) {
        public static final Options DEFAULT = new Options(65_536, 1_024, 64L << 20, MatchRules.DEFAULT);

        public Options {
            if (queueCapacity < 1 || batchSize < 1 || segmentBytes < 1 << 12 || segmentBytes > 1L << 31) {
                throw new IllegalArgumentException("invalid provenance index options");
            }
        }
    }

    private static final int ATTRIBUTION_CHUNK = 256;

    private final SignatureScheme scheme = new SignatureScheme();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final GenerationTable table = new GenerationTable();
    private final PostingRuns postings = new PostingRuns();
    private final MatchRules rules;
    private final SegmentLog log;
    private final FileChannel lockFile;
    private final IngestQueue queue;
    private int skippedVersions;

    private ProvenanceIndex(Path dir, Options options, boolean writable) throws IOException {
        this.rules = options.rules();
        if (writable) {
            Files.createDirectories(dir);
            lockFile = FileChannel.open(dir.resolve("writer.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                lockFile.close();
                throw new IOException("another process is writing the provenance index in " + dir);
            }
        } else {
            lockFile = null;
        }
        Loader loader = new Loader();
        try {
            this.log = SegmentLog.open(dir, writable, options.segmentBytes(), loader);
            loader.finish();
        } catch (IOException | RuntimeException e) {
            if (lockFile != null) {
                lockFile.close();
            }
            throw e;
        }
        if (skippedVersions > 0) {
            LOG.warning("provenance: " + skippedVersions + " signatures of another scheme version are not searchable");
        }
        this.queue = writable ? new IngestQueue(options.queueCapacity(), options.batchSize(), this::index) : null;
    }

    /** Opens (or creates) the index in {@code dir} for writing, recovering a torn tail. */
    public static ProvenanceIndex open(Path dir, Options options) throws IOException {
        return new ProvenanceIndex(dir, options, true);
    }

    /** Opens the index for queries only: nothing is written, a torn tail is ignored, no writer runs. */
    public static ProvenanceIndex openReadOnly(Path dir, MatchRules rules) throws IOException {
        return new ProvenanceIndex(dir, new Options(1, 1, 64L << 20, rules), false);
    }

    /** Queues a completion for indexing; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(Completion completion) {
        if (queue == null) {
            throw new IllegalStateException("the provenance index was opened read-only");
        }
        return queue.offer(completion);
    }

    /** Waits until every completion offered before this call is durable and searchable. */
    public void flush() throws InterruptedException {
        if (queue != null) {
            queue.flush();
        }
    }

    /** Signs, writes and publishes completions on the calling thread. */
    public void index(List<Completion> completions) {
        List<Generation> generations = new ArrayList<>(completions.size());
        for (Completion c : completions) {
            generations.add(new Generation(c.org(), c.keyId(), c.requestId(), c.model(), c.market(), c.time(),
                    scheme.sign(c.text())));
        }
        indexSigned(generations);
    }

    /**
     * Writes and publishes generations signed elsewhere (by the replica that served them, so that
     * only signatures, never text, travel on the event bus), on the calling thread.
     */
    public void indexSigned(List<Generation> generations) {
        List<byte[]> payloads = new ArrayList<>(generations.size());
        for (Generation g : generations) {
            payloads.add(GenerationCodec.encode(g));
        }
        lock.writeLock().lock();
        try {
            long[] locations = log.append(payloads);
            Publisher publisher = new Publisher();
            for (int i = 0; i < locations.length; i++) {
                publisher.add(generations.get(i), locations[i]);
            }
            publisher.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The generations a text was drawn from, strongest first. */
    public List<SearchHit> search(String text, int limit) {
        Probe probe = scheme.probe(text);
        lock.readLock().lock();
        try {
            List<SearchHit> hits = new ArrayList<>();
            for (Matcher.Candidate c : new Matcher(table, postings, rules).match(probe)) {
                if (hits.size() == limit) {
                    break;
                }
                Generation g = read(c.generation());
                hits.add(new SearchHit(g.org(), g.keyId(), g.requestId(), g.model(), g.market(), g.time(), c.hits(),
                        table.kept(c.generation()), c.containment(), g.signature().resemblance(probe.minHash())));
            }
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Which organizations generated the records of a dataset, and how much of it. The read lock is
     * taken per chunk of records, so a large dataset does not hold the writer back for its whole run.
     */
    public Attribution attribute(List<String> records) {
        Matcher matcher = new Matcher(table, postings, rules);
        AttributionTally tally = new AttributionTally(table, rules, records.size(), this::read);
        int from = 0;
        while (true) {
            int to = Math.min(records.size(), from + ATTRIBUTION_CHUNK);
            // Probing (normalising, hashing) needs no lock; only the lookups do.
            List<Probe> probes = records.subList(from, to).stream().map(scheme::probe).toList();
            lock.readLock().lock();
            try {
                for (int r = from; r < to; r++) {
                    tally.add(r, matcher.match(probes.get(r - from)));
                }
                if (to == records.size()) {
                    return new Attribution(SignatureScheme.VERSION, records.size(), tally.unattributed(), rules,
                            table.live(), tally.organizations());
                }
                from = to;
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /**
     * Deletes, from memory and disk, the signatures older than {@code cutoff} of the markets that
     * {@code market} accepts (retention: call it per market with that market's retention period).
     */
    public PurgeResult purgeOlderThan(Instant cutoff, Predicate<String> market) {
        long before = cutoff.toEpochMilli();
        return purge("retention: older than " + cutoff,
                g -> table.time(g) < before && market.test(table.marketName(g)));
    }

    /** Deletes every signature of an organization, from memory and disk, including queued ones. */
    public PurgeResult deleteOrganization(String orgId) throws InterruptedException {
        flush();
        return purge("organization deleted: " + orgId, g -> orgId.equals(table.orgName(table.org(g))));
    }

    private PurgeResult purge(String reason, IntPredicate doomed) {
        if (queue == null) {
            throw new IllegalStateException("the provenance index was opened read-only");
        }
        lock.writeLock().lock();
        try {
            Eraser.Erased erased = new Eraser(table, log).erase(doomed);
            postings.retain(table::deleted);
            LOG.info("provenance purge (" + reason + "): " + erased.generations() + " generations, "
                    + erased.segments() + " segments rewritten");
            return new PurgeResult(reason, erased.generations(), erased.segments(), table.live());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public IndexStats stats() {
        lock.readLock().lock();
        try {
            long disk = log.bytes();
            return new IndexStats(SignatureScheme.VERSION, table.live(), table.organizations(), postings.postings(),
                    postings.runs(), table.bytes() + postings.bytes(), disk,
                    queue == null ? 0 : queue.offered(), queue == null ? 0 : queue.dropped(),
                    queue == null ? 0 : queue.failed(), queue == null ? 0 : queue.queued());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Generation read(int generation) {
        return GenerationCodec.decode(log.read(table.location(generation)));
    }

    /** Drains the queue into the index, then closes the files. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (queue != null) {
            queue.close();
        }
        lock.writeLock().lock();
        try {
            log.close();
            if (lockFile != null) {
                lockFile.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds generations to the columns and their fingerprints to the postings, in batches. */
    private final class Publisher {
        private long[] keys = new long[4096];
        private int n;

        void add(Generation g, long location) {
            Signature s = g.signature();
            if (s.version() != SignatureScheme.VERSION) {
                skippedVersions++;
                return;
            }
            int id = table.add(g.org(), g.market(), g.time().toEpochMilli(), location, s.fingerprints().length);
            if (n + s.fingerprints().length > keys.length) {
                flushKeys();
                if (s.fingerprints().length > keys.length) {
                    keys = new long[s.fingerprints().length];
                }
            }
            for (int fp : s.fingerprints()) {
                keys[n++] = PostingRuns.key(fp, id);
            }
        }

        private void flushKeys() {
            if (n > 0) {
                postings.add(keys, n, table::deleted);
                n = 0;
            }
        }

        void finish() {
            flushKeys();
        }
    }

    /** Feeds the records found when the log is opened to a publisher with a large batch. */
    private final class Loader implements SegmentLog.Visitor {
        private final Publisher publisher = new Publisher();

        Loader() {
            publisher.keys = new long[1 << 18];
        }

        @Override
        public void record(long location, ByteBuffer payload) {
            publisher.add(GenerationCodec.decode(payload), location);
        }

        void finish() {
            publisher.finish();
        }
    }
}

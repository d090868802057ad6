package dev.strait.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sleeps here last an hour: an item still waiting after seconds was missed by its wake-up. */
class DozeTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    private final Queue<Integer> queue = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Integer> taken = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread worker;
    private Doze doze;

    private void startWorker(int napsBeforeSleep) {
        worker = Thread.ofPlatform().daemon().unstarted(() -> {
            while (running) {
                Integer item = queue.poll();
                if (item == null) {
                    doze.idle(() -> !queue.isEmpty() || !running);
                } else {
                    doze.worked();
                    taken.add(item);
                }
            }
        });
        doze = new Doze(worker, 2_000_000, napsBeforeSleep, AN_HOUR);
        worker.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker == null) {
            return;
        }
        running = false;
        doze.wake();
        worker.join(10_000);
    }

    @Test
    void aNudgeWakesAWorkerFromItsLongSleep() throws InterruptedException {
        startWorker(3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!doze.asleep() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(doze.asleep()).as("the worker falls asleep after its empty naps").isTrue();

        queue.add(7);
        doze.nudge();

        assertThat(taken.poll(10, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void workPublishedAsTheWorkerAnnouncesItsSleepCancelsTheSleep() {
        // The producer of that work read "awake" and will not nudge: the worker must see the work itself.
        Doze alone = new Doze(Thread.currentThread(), 2_000_000, 1, AN_HOUR);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> alone.idle(() -> true));
    }

    @Test
    void everyItemArrivesOnceWhenProducersRaceTheWorkerIntoSleep() throws InterruptedException {
        startWorker(1); // every empty drain goes straight to sleep: every item races the announcement
        int producers = 4;
        int each = 5_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    queue.add(base + i);
                    doze.nudge();
                    if (ThreadLocalRandom.current().nextInt(8) == 0) {
                        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        List<Integer> received = new ArrayList<>();
        while (received.size() < producers * each) {
            Integer item = taken.poll(10, TimeUnit.SECONDS);
            assertThat(item).as("item %d of %d arrived", received.size() + 1, producers * each).isNotNull();
            received.add(item);
        }
        assertThat(received).doesNotHaveDuplicates();
    }
}

package dev.strait.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A small synthetic trace written for the tests, with this project's own wording: a few benign
 * tenants (a help desk, a nightly report batch, tenants of one integration platform) and harvesters
 * (a reasoning harvester, a grader, a hydra of light accounts). Deterministic for a seed.
 */
public final class TestTraffic {
    public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random rnd;
    private final int days;
    private final List<ObjectNode> lines = new ArrayList<>();
    private int seq;

    public TestTraffic(long seed, int days) {
        this.rnd = new Random(seed);
        this.days = days;
    }

    private static final String[] CUSTOMER_QUESTIONS = {
        "my parcel shows delivered but it is not here", "can I change the delivery address after ordering",
        "the discount code is not accepted at checkout", "how do I return shoes that do not fit",
        "I was charged twice for one order", "where can I download my invoice"};
    private static final String[] PUZZLES = {
        "A tank holds %d litres and leaks %d litres an hour. After how many hours is it a quarter full?",
        "Tom has %d marbles and gives away %d each day. How many are left after a week?",
        "A shop sells pens in packs of %d for %d cents each pack. What do 40 pens cost?"};
    private static final String[] SUBJECTS = {"photosynthesis", "plate tectonics", "compound interest",
        "the french revolution", "neural networks", "supply chains", "volcanoes", "vaccines", "jazz harmony",
        "medieval trade routes", "black holes", "tidal energy"};

    /** A help desk: one system prompt, customer questions, business hours of its market, low temperature. */
    public TestTraffic helpDesk(String org, String ip, int perDay) {
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long ts = at(d, 8 + rnd.nextInt(10));
                chat(org, "key-" + org, ip, "shopkit/2.1", ts, "You answer questions for the Parcelo online shop politely.",
                        CUSTOMER_QUESTIONS[rnd.nextInt(CUSTOMER_QUESTIONS.length)], 0.2, 400, 1, 60, 90);
            }
        }
        return this;
    }

    /** A nightly batch: one key, one address, one template, temperature 0, short outputs. */
    public TestTraffic nightlyReports(String org, String ip, int perNight) {
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perNight; i++) {
                long ts = at(d, 1 + rnd.nextInt(3));
                chat(org, "key-" + org, ip, "reportjob/1.0", ts, "Condense documents faithfully.",
                        "Condense this shift log into three lines for the morning report.\n\nLOG " + rnd.nextInt(99999)
                                + ": machine " + rnd.nextInt(40) + " stopped for " + rnd.nextInt(90) + " minutes; "
                                + SUBJECTS[rnd.nextInt(SUBJECTS.length)] + " noted.", 0.0, 250, 1, 300, 50);
            }
        }
        return this;
    }

    /** A tenant of a shared integration platform: the platform's address and client, its own content. */
    public TestTraffic platformTenant(String org, String platformIp, String persona, int perDay) {
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long ts = at(d, 9 + rnd.nextInt(9));
                chat(org, "key-" + org, platformIp, "linkhub-connector/5.0", ts, persona,
                        "Draft a short reply to a colleague about " + SUBJECTS[rnd.nextInt(SUBJECTS.length)] + ".",
                        0.5, 600, 1, 30, 120);
            }
        }
        return this;
    }

    /** Harvests step-by-step reasoning around the clock, rotating keys, high temperature, long outputs. */
    public TestTraffic reasoningHarvester(String org, int perDay) {
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long ts = at(d, rnd.nextInt(24));
                String puzzle = String.format(PUZZLES[rnd.nextInt(PUZZLES.length)], 10 + rnd.nextInt(90),
                        1 + rnd.nextInt(9));
                chat(org, "key-" + org + "-" + (d / 2), "203.0.113." + (100 + rnd.nextInt(4)), "python-httpx/0.27.0", ts,
                        "", puzzle + "\nSpell out your thinking one step at a time and double check every step before "
                                + "you state the final answer.", 0.7 + 0.1 * rnd.nextInt(4), 8000,
                        1 + rnd.nextInt(3), 40, 700);
            }
        }
        return this;
    }

    /** Asks for graded comparisons of answers: preference data for a reward model. */
    public TestTraffic grader(String org, int perDay) {
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long ts = at(d, rnd.nextInt(24));
                String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
                chat(org, "key-" + org + "-" + rnd.nextInt(6), "198.51.100." + (20 + rnd.nextInt(3)), "curl/8.5.0", ts, "",
                        "Judge which response is better.\nQuestion: explain " + subject + "\nResponse A: " + subject
                                + " is simple.\nResponse B: " + subject + " has several parts.\nScore each response "
                                + "from 1 to 10 on accuracy and clarity, then give a short justification.",
                        0.2, 2000, 1, 120, 150);
            }
        }
        return this;
    }

    /** One harvest spread over light accounts sharing a /28, a client, a template and an operating window. */
    public TestTraffic hydra(String prefix, int members, int perDay) {
        for (int m = 0; m < members; m++) {
            String org = prefix + "-" + m;
            for (int d = 1; d < days; d++) {
                for (int i = 0; i < perDay; i++) {
                    long ts = at(d, 6 + rnd.nextInt(10));
                    String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
                    chat(org, "key-" + org, "192.0.2." + (33 + m % 3), "harvestkit/0.9", ts,
                            "You are a thorough assistant. Always show your full reasoning before answering.",
                            "Explain " + subject + " in depth. Walk through your reasoning step by step and "
                                    + "verify each step before the final answer.",
                            0.9, 8000, 1, 30, 800);
                }
            }
        }
        return this;
    }

    private long at(int day, int hour) {
        return START.toEpochMilli() + day * 24 * HOUR + hour * HOUR + rnd.nextInt(3_600_000);
    }

    private void chat(String org, String key, String ip, String ua, long ts, String system, String prompt,
                      double temperature, int maxTokens, int n, int promptTokens, int completionTokens) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", "t-" + (++seq));
        line.put("ts", Instant.ofEpochMilli(ts).toString());
        line.put("org", org);
        line.put("key", key);
        line.put("market", "NL");
        line.putObject("client").put("ip", ip).put("user_agent", ua);
        line.put("endpoint", "/v1/chat/completions");
        ObjectNode body = line.putObject("body");
        body.put("model", "model-a");
        ArrayNode messages = body.putArray("messages");
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("temperature", Math.round(temperature * 10) / 10.0);
        body.put("max_tokens", maxTokens);
        if (n > 1) {
            body.put("n", n);
        }
        ObjectNode response = line.putObject("response");
        response.put("status", 200).put("content", "x".repeat(Math.min(200, completionTokens))).put("finish_reason", "stop");
        response.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens * n);
        lines.add(line);
    }

    /** The trace as JSON Lines, in time order. */
    public String jsonl() {
        StringBuilder sb = new StringBuilder();
        lines.stream().sorted(Comparator.comparing(l -> l.get("ts").asText())).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}

package dev.strait.monitor.engine;

import dev.strait.monitor.risk.Signal;
import dev.strait.monitor.trace.ModelCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Computes the named signals of a tenant (or a pooled cluster) from what its profile kept. */
final class Signals {
    private Signals() {
    }

    static final String VOLUME = "volume_per_day";
    static final String REASONING = "reasoning_elicitation_share";
    static final String REASONING_SUSTAINED = "sustained_reasoning_elicitation";
    static final String GRADING = "rubric_grading_share";
    static final String HARVEST_SAMPLING = "harvest_sampling_share";
    static final String LONG_CAP = "large_max_tokens_share";
    static final String MULTI_SAMPLE = "multi_sample_share";
    static final String TEMP_VARIETY = "temperature_sweep";
    static final String OUTPUT_RATIO = "output_input_ratio";
    static final String FLATNESS = "round_the_clock";
    static final String KEY_CHURN = "key_rotation";
    static final String NO_SYSTEM = "no_system_prompt_share";
    static final String TEMPLATE = "template_repetition";
    static final String ENUMERATION = "systematic_enumeration";
    static final String BREADTH = "topic_breadth";
    static final String TOOLS = "tool_use_share";
    static final String MULTI_TURN = "multi_turn_share";
    static final String NEW_MODEL = "new_model_rush";
    static final String TEMP_ZERO = "deterministic_share";

    static List<Signal> of(Profile p, OrgProfile org, ModelCatalog catalog) {
        return of(p, org, catalog, 0);
    }

    static int activeDays(Profile p) {
        int n = 0;
        for (int ago = 0; ago < p.ring.window(); ago++) {
            if (p.ring.daysAgo(ago)[Slot.REQUESTS] > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param contextDays the active days of the whole organization when {@code p} is one segment of it
     *     (a key, a system prompt), so that a burst confined to one key is still seen as a burst
     */
    static List<Signal> of(Profile p, OrgProfile org, ModelCatalog catalog, int contextDays) {
        List<Signal> out = new ArrayList<>(24);
        double chat = Math.max(1, p.sum(Slot.CHAT));
        long requests = p.sum(Slot.REQUESTS);
        int activeDays = 0, reasoningDays = 0, gradingDays = 0;
        for (int ago = 0; ago < p.ring.window(); ago++) {
            int[] d = p.ring.daysAgo(ago);
            if (d[Slot.REQUESTS] == 0) {
                continue;
            }
            activeDays++;
            if (d[Slot.REASONING] >= Math.max(2, 0.05 * d[Slot.CHAT])) {
                reasoningDays++;
            }
            if (d[Slot.GRADING] >= Math.max(2, 0.05 * d[Slot.CHAT])) {
                gradingDays++;
            }
        }
        activeDays = Math.max(1, activeDays);
        double perDay = requests / (double) activeDays;
        out.add(new Signal(VOLUME, Math.log10(1 + perDay),
                fmt("%.0f requests per active day over %d days", perDay, activeDays)));

        double reasoning = p.sum(Slot.REASONING) / chat;
        double persistenceDays = Math.max(activeDays, contextDays);
        double reasoningPersistence = reasoningDays / persistenceDays;
        out.add(new Signal(REASONING, reasoning,
                fmt("%.0f%% of chat requests ask the model to expose step-by-step reasoning", 100 * reasoning)));
        out.add(new Signal(REASONING_SUSTAINED, reasoning * reasoningPersistence,
                fmt("reasoning elicitation on %d of %d active days (a one-off evaluation burst is short)",
                        reasoningDays, (int) persistenceDays)));
        double grading = p.sum(Slot.GRADING) / chat;
        out.add(new Signal(GRADING, Math.sqrt(grading * Math.max(0.2, gradingDays / persistenceDays)),
                fmt("%.0f%% of chat requests ask to grade, score or compare answers (on %d of %d days)",
                        100 * grading, gradingDays, (int) persistenceDays)));

        double harvestSampling = p.sum(Slot.HARVEST_SAMPLING) / chat;
        out.add(new Signal(HARVEST_SAMPLING, harvestSampling,
                fmt("%.0f%% of requests combine temperature >= 0.6 with an output cap >= 2000 tokens",
                        100 * harvestSampling)));
        double longCap = p.sum(Slot.MAX_4K) / chat;
        out.add(new Signal(LONG_CAP, longCap, fmt("%.0f%% of requests allow >= 4000 output tokens", 100 * longCap)));
        double multi = (p.sum(Slot.MULTI_SAMPLE) + p.sum(Slot.LOGPROBS)) / chat;
        out.add(new Signal(MULTI_SAMPLE, multi,
                fmt("%.0f%% of requests ask for several samples (n > 1) or log-probabilities", 100 * multi)));
        long mask = p.ring.or(Slot.TEMP_MASK);
        int temps = Long.bitCount(mask);
        out.add(new Signal(TEMP_VARIETY, Math.min(1, Math.max(0, temps - 1) / 3.0),
                fmt("%d distinct temperatures used", temps)));
        double ratio = p.sum(Slot.COMPLETION_TOKENS) / (double) Math.max(1, p.sum(Slot.PROMPT_TOKENS));
        out.add(new Signal(OUTPUT_RATIO, Math.log(1 + ratio) / Math.log(2),
                fmt("%.1f output tokens per input token", ratio)));
        double flat = flatness(p);
        out.add(new Signal(FLATNESS, flat, fmt("the 8 quietest hours of the day carry %.0f%% of the traffic (33%% = flat, 24/7)",
                100 * flat / 3)));
        double churn = org == null ? 0 : org.keyChurn();
        out.add(new Signal(KEY_CHURN, churn, org == null ? "" :
                fmt("%.0f%% of %d active keys were used only for a short stretch", 100 * churn, org.activeKeys())));
        double noSystem = 1 - p.sum(Slot.SYSTEM) / chat;
        out.add(new Signal(NO_SYSTEM, noSystem, fmt("%.0f%% of requests carry no system prompt", 100 * noSystem)));
        double template = p.templateTopShare();
        out.add(new Signal(TEMPLATE, template,
                fmt("the most common prompt template opens or closes %.0f%% of prompts", 100 * template)));
        double enumeration = p.sum(Slot.NEAR_DUP) / chat;
        out.add(new Signal(ENUMERATION, enumeration,
                fmt("%.0f%% of prompts are near-duplicates of the key's previous prompt with a few words changed",
                        100 * enumeration)));
        double topics = p.distinctTopics();
        double breadth = Math.min(1, topics / Math.max(50, Math.min(chat, 2000) * 2));
        out.add(new Signal(BREADTH, breadth, fmt("about %.0f distinct topic words", topics)));
        double tools = p.sum(Slot.TOOLS) / chat;
        out.add(new Signal(TOOLS, tools, fmt("%.0f%% of requests use tools", 100 * tools)));
        double turns = p.sum(Slot.MULTI_TURN) / chat;
        out.add(new Signal(MULTI_TURN, turns, fmt("%.0f%% of requests continue a conversation", 100 * turns)));
        double zero = p.sum(Slot.TEMP_ZERO) / chat;
        out.add(new Signal(TEMP_ZERO, zero, fmt("%.0f%% of requests at temperature 0", 100 * zero)));
        out.add(newModelRush(org, catalog));
        return out;
    }

    /** Three times the share of traffic in the 8 quietest UTC hours: 1 when flat around the clock, near 0 when diurnal. */
    static double flatness(Profile p) {
        long total = 0;
        long[] h = new long[24];
        for (int i = 0; i < 24; i++) {
            h[i] = p.sum(Slot.HOUR0 + i);
            total += h[i];
        }
        if (total < 48) {
            return 0.5;
        }
        java.util.Arrays.sort(h);
        long quiet = 0;
        for (int i = 0; i < 8; i++) {
            quiet += h[i];
        }
        return Math.min(1, 3.0 * quiet / total);
    }

    /** A move of most traffic, with more volume, onto a model within days of its release. */
    static Signal newModelRush(OrgProfile org, ModelCatalog catalog) {
        double best = 0;
        String detail = "no move to a newly released model";
        if (org != null) {
            for (var e : org.models.entrySet()) {
                LocalDate rel = catalog.released().get(e.getKey());
                if (rel == null) {
                    continue;
                }
                long relMs = rel.toEpochDay() * OrgProfile.DAY;
                OrgProfile.ModelUse m = e.getValue();
                long delay = m.first - relMs;
                if (delay < 0 || delay > 3 * OrgProfile.DAY || org.firstSeen > relMs - OrgProfile.DAY) {
                    continue;
                }
                long after = org.requests - m.orgRequestsBefore;
                if (after < 20) {
                    continue;
                }
                double share = m.count / (double) after;
                double rateBefore = m.orgRequestsBefore / (double) Math.max(OrgProfile.DAY, m.first - org.firstSeen);
                double rateAfter = after / (double) Math.max(OrgProfile.DAY, org.lastSeen - m.first);
                double growth = rateBefore <= 0 ? 1 : rateAfter / rateBefore;
                double score = share * Math.min(1, Math.max(0, Math.log(growth) / Math.log(2.5)));
                if (score > best) {
                    best = score;
                    detail = fmt("moved %.0f%% of traffic to %s %.0f h after its release, at %.1fx the volume",
                            100 * share, e.getKey(), delay / 3_600_000.0, growth);
                }
            }
        }
        return new Signal(NEW_MODEL, best, detail);
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}

package dev.strait.monitor.engine;

/** The counters a {@link DayRing} keeps for each day, as array slots. */
final class Slot {
    private Slot() {
    }

    static final int REQUESTS = 0;
    static final int CHAT = 1;
    static final int REASONING = 2;
    static final int GRADING = 3;
    static final int MULTI_SAMPLE = 4;
    static final int LOGPROBS = 5;
    static final int SEED = 6;
    static final int TOOLS = 7;
    static final int HIGH_TEMP = 8;
    static final int TEMP_SET = 9;
    static final int MAX_4K = 10;
    static final int MAX_2K = 11;
    static final int PROMPT_TOKENS = 12;
    static final int COMPLETION_TOKENS = 13;
    static final int SYSTEM = 14;
    static final int MULTI_TURN = 15;
    static final int NEAR_DUP = 16;
    static final int OK = 17;
    static final int TEMP_ZERO = 18;
    static final int HOUR0 = 19; // 24 slots: requests by UTC hour
    static final int TEMP_MASK = 43; // bit set of temperatures seen, in tenths (3.0 and above in one bit)
    static final int PROMPT_WORDS = 44;
    static final int HARVEST_SAMPLING = 45; // temperature >= 0.6 with an output cap >= 2000, no tools
    static final int COUNT = 46;
}

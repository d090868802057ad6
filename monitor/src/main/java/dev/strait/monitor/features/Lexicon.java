package dev.strait.monitor.features;

import java.util.List;

/**
 * Vocabulary that marks a request as asking for a kind of output: phrases of one to three words,
 * grouped by the linguistic function they serve. A request shows a kind when it hits several distinct
 * groups, so no single word (and no particular template) decides. The lists are ordinary English for
 * the function, written for this project, not copied from any traffic.
 */
public final class Lexicon {

    /** Asks the model to expose step-wise reasoning (the raw material of chain-of-thought distillation). */
    public static final Lexicon REASONING = new Lexicon(List.of(
            // stepwise structure
            List.of("step by step", "each step", "every step", "numbered steps", "one step at a time", "stepwise",
                    "stage by stage", "each stage", "every stage", "numbered stage", "each deduction",
                    "numbering each step", "sub problems", "subproblems", "sub steps", "each sub problem"),
            // reasoning as an object
            List.of("reasoning", "thought process", "chain of thought", "train of thought", "thinking", "thoughts",
                    "monologue", "deduction", "deductions", "derivation", "logic", "workings", "full working",
                    "intermediate", "inner", "internal", "scratchpad", "rationale", "thought"),
            // verbs that ask to expose it
            List.of("show your", "show all", "show every", "explain your", "walk me through", "walk through",
                    "think out loud", "think aloud", "think through", "reason through", "reason about",
                    "reason carefully", "articulate", "narrate", "describe your", "lay out", "break it down",
                    "break down", "break it into", "spell out", "justify each", "explain each step",
                    "explaining your", "write down your", "let's reason", "let us reason"),
            // self-checking
            List.of("verify", "double check", "check your", "check each", "checks", "dead ends", "sanity check",
                    "mistakes", "re check", "recheck", "confirm each"),
            // answer placement after the reasoning
            List.of("final answer", "the answer is", "then give", "then state", "before giving", "before answering",
                    "only then", "conclude with", "finish with", "end with the", "then the answer",
                    "then give the answer", "on its own line", "on a separate line", "result on"),
            // think
            List.of("think", "let's think", "ponder")));

    /** Asks the model to judge, score or compare answers (reward-model and preference data). */
    public static final Lexicon GRADING = new Lexicon(List.of(
            // judgement
            List.of("grade", "grading", "graded", "score", "scores", "scoring", "rate", "rating", "ratings",
                    "evaluate", "evaluation", "assess", "assessment", "judge", "judging", "mark", "marks",
                    "rank", "ranking", "critique"),
            // the thing judged
            List.of("response", "responses", "reply", "replies", "candidate", "candidates", "completion",
                    "completions", "assistant's", "chatbot", "model's", "this answer", "answer a",
                    "answer b", "answers"),
            // a scale
            List.of("# to #", "out of #", "likert", "on a scale", "scale of", "between # and #", "from # to #",
                    "# point", "points scale"),
            // criteria
            List.of("rubric", "criteria", "criterion", "dimensions", "helpfulness", "harmlessness", "correctness",
                    "factual accuracy", "coherence", "verbosity", "instruction following"),
            // comparison
            List.of("which is better", "which is preferable", "better response", "compare the two",
                    "two responses", "two answers", "two candidate", "pairwise", "preferable", "preferred",
                    "tie", "response a", "response b", "candidate #", "a or b", "which one is better",
                    "which response", "which answer"),
            // justification of a judgement
            List.of("justification", "justify", "verdict", "overall score", "overall mark", "overall rating",
                    "explain each score", "brief justification")));

    private final LongIntMap phrases;
    /** Per word: the groups it hits alone, plus {@link #STARTS_PHRASE} when a longer phrase begins with it. */
    private final LongIntMap words;
    private static final int STARTS_PHRASE = 1 << 30;
    private final int groups;

    private Lexicon(List<List<String>> groups) {
        this.groups = groups.size();
        this.phrases = new LongIntMap(256);
        this.words = new LongIntMap(256);
        Words w = new Words();
        for (int g = 0; g < groups.size(); g++) {
            for (String phrase : groups.get(g)) {
                w.scan(phrase, phrase.length());
                long h = w.hashes[0];
                for (int i = 1; i < w.size; i++) {
                    h = Hashing.pair(h, w.hashes[i]);
                }
                phrases.put(key(h, w.size), phrases.get(key(h, w.size), 0) | 1 << g);
                long first = w.hashes[0];
                words.put(first, words.get(first, 0) | (w.size == 1 ? 1 << g : STARTS_PHRASE));
            }
        }
    }

    private static long key(long h, int words) {
        return h * 4 + words;
    }

    public int groups() {
        return groups;
    }

    /** The bit set of groups the words hit (one, two and three word phrases). */
    int groupsHit(long[] words, int size) {
        int hit = 0;
        for (int i = 0; i < size; i++) {
            long h1 = words[i];
            int w = this.words.get(h1, 0);
            if (w == 0) {
                continue; // most words: one lookup
            }
            hit |= w & ~STARTS_PHRASE;
            if ((w & STARTS_PHRASE) != 0 && i + 1 < size) {
                long h2 = Hashing.pair(h1, words[i + 1]);
                hit |= phrases.get(key(h2, 2), 0);
                if (i + 2 < size) {
                    hit |= phrases.get(key(Hashing.pair(h2, words[i + 2]), 3), 0);
                }
            }
        }
        return hit;
    }
}

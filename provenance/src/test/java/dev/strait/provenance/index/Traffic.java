package dev.strait.provenance.index;

import dev.strait.provenance.testing.Prose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Completions served to several organizations, as the gateway would hand them over. */
final class Traffic {

    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    static final String[] ORGS = {"org-acme", "org-bolt", "org-cobalt", "org-delta", "org-ember"};
    static final String[] MARKETS = {"US", "US", "CN", "CN", "EU"};

    final List<Completion> completions = new ArrayList<>();

    /** {@code perOrg} completions for each organization, one an hour, interleaved. */
    Traffic(int perOrg, long seed) {
        Prose prose = new Prose(seed);
        for (int i = 0; i < perOrg; i++) {
            for (int o = 0; o < ORGS.length; o++) {
                int n = completions.size();
                completions.add(new Completion(ORGS[o], "key-" + o, "req-" + o + "-" + i, "gpt-4o", MARKETS[o],
                        START.plus(Duration.ofHours(n)), prose.completion()));
            }
        }
    }

    List<Completion> of(String org) {
        return completions.stream().filter(c -> c.org().equals(org)).toList();
    }
}

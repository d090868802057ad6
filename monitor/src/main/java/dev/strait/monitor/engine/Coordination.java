package dev.strait.monitor.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links organizations that look like one operator: they share a /28 network carrying most of their
 * traffic, a client (User-Agent) AND prompt templates, and do not run different dominant system
 * prompts. Infrastructure alone is not enough: tenants of an integration platform share its egress
 * addresses and client, but each runs its own application. Linked
 * organizations form clusters (union-find) that are then scored as a whole.
 */
final class Coordination {
    private Coordination() {
    }

    /** A cluster of two or more organizations and what they share. */
    record Cluster(String id, List<OrgProfile> members, String shared) {
    }

    static List<Cluster> clusters(List<OrgProfile> orgs, int minMembers) {
        int n = orgs.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        // index: (network, client) → organizations
        Map<Long, List<Integer>> byInfra = new HashMap<>();
        List<long[]> content = new ArrayList<>(n);
        long[] system = new long[n];
        for (int i = 0; i < n; i++) {
            OrgProfile o = orgs.get(i);
            content.add(o.profile.frequentTemplates(0.05));
            long[] dominant = o.profile.frequentSystems(0.5);
            system[i] = dominant.length == 0 ? 0 : dominant[0];
            if (o.profile.sum(Slot.CHAT) < 10) {
                continue;
            }
            long ua = topAgent(o);
            for (var net : o.nets28.entrySet()) {
                if (net.getValue() * 2 >= o.requests) { // the network carries most of the org's traffic
                    byInfra.computeIfAbsent(net.getKey() * 31 + ua, k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (List<Integer> group : byInfra.values()) {
            if (group.size() < 2 || group.size() > 500) {
                continue;
            }
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    int x = group.get(a), y = group.get(b);
                    // different dominant system prompts mean different applications, even on one platform
                    boolean sameApp = system[x] == 0 || system[y] == 0 || system[x] == system[y];
                    if (find(parent, x) != find(parent, y) && sameApp && overlaps(content.get(x), content.get(y))) {
                        parent[find(parent, x)] = find(parent, y);
                    }
                }
            }
        }
        Map<Integer, List<OrgProfile>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(orgs.get(i));
        }
        List<Cluster> out = new ArrayList<>();
        for (List<OrgProfile> members : groups.values()) {
            if (members.size() >= minMembers) {
                members.sort((p, q) -> p.org.compareTo(q.org));
                out.add(new Cluster("cluster-" + members.get(0).org, members,
                        "a /28 address range, a client and prompt templates"));
            }
        }
        return out;
    }

    private static long topAgent(OrgProfile o) {
        long best = 0, count = -1;
        for (int i = 0; i < o.agents.keys.length; i++) {
            if (o.agents.counts[i] > count) {
                count = o.agents.counts[i];
                best = o.agents.keys[i];
            }
        }
        return best;
    }

    private static boolean overlaps(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}

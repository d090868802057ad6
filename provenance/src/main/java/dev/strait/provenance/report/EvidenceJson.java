package dev.strait.provenance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.provenance.index.Attribution;
import dev.strait.provenance.index.MatchRules;
import dev.strait.provenance.index.OrgAttribution;
import dev.strait.provenance.index.RecordMatch;
import dev.strait.provenance.index.SearchHit;
import dev.strait.provenance.signature.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders search and attribution answers as JSON fit to be evidence: what was asked (the SHA-256
 * of the query, never the query itself), when, under which signature version and thresholds, and
 * for every match the request id, key, model and time of the generation with its scores. The CLI
 * and the admin API render through this one class.
 */
public final class EvidenceJson {

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public EvidenceJson(Clock clock) {
        this.clock = clock;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode search(String text, List<SearchHit> hits, long indexedGenerations, MatchRules rules) {
        ObjectNode root = header("search", sha256(text.getBytes(StandardCharsets.UTF_8)), indexedGenerations, rules);
        root.put("matches", hits.size());
        ArrayNode out = root.putArray("generations");
        for (SearchHit h : hits) {
            ObjectNode n = out.addObject();
            n.put("org", h.org());
            n.put("request_id", h.requestId());
            n.put("key_id", h.keyId());
            n.put("model", h.model());
            n.put("market", h.market());
            n.put("time", h.time().toString());
            n.put("hits", h.hits());
            n.put("kept_fingerprints", h.kept());
            n.put("containment", round(h.containment()));
            n.put("resemblance", round(h.resemblance()));
        }
        return root;
    }

    /** {@code queryHash} identifies the dataset: the SHA-256 of the input file's bytes. */
    public ObjectNode attribution(String input, String queryHash, Attribution a) {
        ObjectNode root = header("attribute", queryHash, a.indexedGenerations(), a.rules());
        root.put("input", input);
        root.put("records", a.records());
        root.put("unattributed_records", a.unattributedRecords());
        if (a.top() == null) {
            root.putNull("top_organization");
        } else {
            root.put("top_organization", a.top());
        }
        ArrayNode orgs = root.putArray("organizations");
        for (OrgAttribution o : a.organizations()) {
            ObjectNode n = orgs.addObject();
            n.put("org", o.org());
            n.put("matched_records", o.matchedRecords());
            n.put("share", round(o.share()));
            n.put("first_seen", o.firstSeen().toString());
            n.put("last_seen", o.lastSeen().toString());
            n.put("confidence", round(o.confidence()));
            ArrayNode evidence = n.putArray("evidence");
            for (RecordMatch m : o.evidence()) {
                ObjectNode e = evidence.addObject();
                e.put("record", m.record());
                e.put("request_id", m.requestId());
                e.put("key_id", m.keyId());
                e.put("model", m.model());
                e.put("time", m.time().toString());
                e.put("hits", m.hits());
                e.put("containment", round(m.containment()));
            }
        }
        return root;
    }

    private ObjectNode header(String kind, String queryHash, long indexedGenerations, MatchRules rules) {
        ObjectNode root = json.createObjectNode();
        root.put("kind", kind);
        root.put("generated_at", clock.instant().toString());
        root.put("signature_version", SignatureScheme.VERSION);
        root.put("query_sha256", queryHash);
        root.put("indexed_generations", indexedGenerations);
        ObjectNode r = root.putObject("rules");
        r.put("min_independent_hits", rules.minIndependentHits());
        r.put("common_organizations", rules.commonOrganizations());
        r.put("common_generations", rules.commonGenerations());
        r.put("false_match_rate", rules.falseMatchRate());
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    public String pretty(ObjectNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

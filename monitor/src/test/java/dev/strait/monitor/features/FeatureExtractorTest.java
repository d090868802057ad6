package dev.strait.monitor.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.monitor.trace.TraceEvent;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private final FeatureExtractor extractor = new FeatureExtractor();

    static TraceEvent ask(String system, String prompt) {
        return new TraceEvent("r", 0, "org", "key", "NL", "192.0.2.77", "ua", "/v1/chat/completions",
                new TraceEvent.Request("m", system, prompt, prompt, 1, 1, 0.5, 1000, false, false, false, false),
                new TraceEvent.Response(200, "stop", 10, 10, false));
    }

    @Test
    void recognisesRequestsForStepwiseReasoningWhateverTheirWording() {
        assertThat(extractor.extract(ask("", "How far does a cyclist get in 3 hours at 14 km/h? "
                + "Lay out your logic one step at a time before you commit to a result.")).reasoning()).isTrue();
        assertThat(extractor.extract(ask("Always narrate your internal thought process.",
                "What is 17 times 23?")).reasoning()).isTrue();
        assertThat(extractor.extract(ask("", "Please walk me through the derivation, then give the final answer."))
                .reasoning()).isTrue();
    }

    @Test
    void doesNotMistakeOrdinaryRequestsForReasoningOrGrading() {
        for (String p : new String[] {"Translate 'good morning' into Spanish.",
            "Write a unit test for the parser.", "I think my order is late, can you check?",
            "A car travels at a rate of 60 km/h. Mark the answer on the map and score a goal."}) {
            RequestFeatures f = extractor.extract(ask("", p));
            assertThat(f.reasoning()).as(p).isFalse();
            assertThat(f.grading()).as(p).isFalse();
        }
    }

    @Test
    void recognisesRequestsToGradeOrCompareAnswers() {
        assertThat(extractor.extract(ask("", "Here are two replies to the same customer. Which reply is preferable "
                + "for politeness? Rate each reply on a scale of 1 to 5.")).grading()).isTrue();
        assertThat(extractor.extract(ask("", "Assess this answer against the rubric below and give an overall "
                + "score.\nAnswer: water boils at 90 C.")).grading()).isTrue();
    }

    @Test
    void keepsFingerprintsAndCountsButNoText() {
        RequestFeatures f = extractor.extract(ask("secret system words", "secret user words about kittens"));

        for (RecordComponent c : RequestFeatures.class.getRecordComponents()) {
            if (c.getType() == String.class) {
                assertThat(c.getName()).isIn("org", "market", "model");
            }
        }
        assertThat(f.systemHash()).isNotZero();
        assertThat(f.topics()).isNotEmpty();
    }

    @Test
    void promptsFromOneTemplateShareTheirFingerprints() {
        RequestFeatures a = extractor.extract(ask("", "Condense this log into three lines.\nLOG 1: pump 4 stopped."));
        RequestFeatures b = extractor.extract(ask("", "Condense this log into three lines.\nLOG 2: pump 9 stopped."));
        RequestFeatures c = extractor.extract(ask("", "Write a poem about autumn leaves falling slowly."));

        assertThat(a.headHash()).isEqualTo(b.headHash()).isNotEqualTo(c.headHash());
        assertThat(Long.bitCount(a.simHash() ^ b.simHash())).isLessThan(Long.bitCount(a.simHash() ^ c.simHash()));
        assertThat(Arrays.equals(a.topics(), b.topics())).isTrue();
    }

    @Test
    void groupsClientAddressesIntoNetworks() {
        assertThat(Networks.net("192.0.2.33", 28)).isEqualTo(Networks.net("192.0.2.46", 28))
                .isNotEqualTo(Networks.net("192.0.2.50", 28));
        assertThat(Networks.net("192.0.2.33", 24)).isEqualTo(Networks.net("192.0.2.250", 24));
        assertThat(Networks.net("2001:db8:1:2::5", 24)).isEqualTo(Networks.net("2001:db8:1:2:ffff::1", 24));
        assertThat(Networks.net("not-an-ip", 24)).isZero();
        assertThat(Networks.net("", 28)).isZero();
    }
}

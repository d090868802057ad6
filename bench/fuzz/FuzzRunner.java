import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Runs one @FuzzTest method under the JUnit platform, outside Maven, so bench/fuzz.sh can bound it
 * with timeout(1): Jazzer takes a run's length only from the annotation, and Maven's fork would
 * outlive a killed parent. Exits 1 when the test failed (a finding), 0 otherwise.
 *
 *   java -cp <test classpath> bench/fuzz/FuzzRunner.java <class> <method> <module dir>
 */
public final class FuzzRunner {

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(args[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + args[1] + " in " + args[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(type, method))
                .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .configurationParameter("jazzer.internal.basedir", args[2])
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 40);
        System.out.printf("fuzz: %s#%s tests=%d failed=%d%n", args[0], args[1], summary.getTestsFoundCount(),
                summary.getTotalFailureCount());
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
    }
}

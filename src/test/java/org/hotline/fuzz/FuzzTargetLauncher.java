package org.hotline.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz target, {@code org.hotline.fuzz.Class#method}, in this JVM through the JUnit
 * Platform; {@code scripts/fuzz} starts one JVM per target (Jazzer fuzzes one target per JVM) and
 * avoids paying for a Maven start each time. Exit status 0 when the target passed, 1 when it failed
 * (a finding), 2 when it could not be found or did not run.
 */
public final class FuzzTargetLauncher {

    private FuzzTargetLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].contains("#")) {
            System.err.println("usage: FuzzTargetLauncher org.hotline.fuzz.SomeFuzzTest#method");
            System.exit(2);
        }
        String className = args[0].substring(0, args[0].indexOf('#'));
        String methodName = args[0].substring(args[0].indexOf('#') + 1);
        Method target = findTarget(className, methodName);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(target.getDeclaringClass(), target))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new PrintWriter(System.err, true), 40);
        if (summary.getTestsFoundCount() == 0 || summary.getTestsStartedCount() == 0) {
            System.err.println("fuzz: no test ran for " + args[0]);
            System.exit(2);
        }
        System.exit(summary.getTotalFailureCount() > 0 ? 1 : 0);
    }

    /** The one method of that name (fuzz targets are not overloaded); exits 2 when there is none. */
    private static Method findTarget(String className, String methodName) {
        try {
            for (Method m : Class.forName(className).getDeclaredMethods()) {
                if (m.getName().equals(methodName)) {
                    return m;
                }
            }
        } catch (ClassNotFoundException e) {
            System.err.println("fuzz: no class " + className);
            System.exit(2);
        }
        System.err.println("fuzz: no method " + methodName + " in " + className);
        System.exit(2);
        throw new AssertionError("unreachable");
    }
}

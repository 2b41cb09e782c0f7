package org.patientoutreach.e2e;

/**
 * `./outreach chaos [N|brief]`: the full crash run (an N-patient campaign, default 10,000, plus the check-in load; every
 * service killed with -9 and restarted in turn, then Kafka), printing the counts per phase. Exits non-zero unless
 * every intended email arrived exactly once and nothing else did.
 */
public final class CrashSafetyRun {

    private CrashSafetyRun() {
    }

    public static void main(String[] args) throws Exception {
        String size = System.getProperty("chaos.patients", "10000");
        // "brief" is the short run of the end-to-end tests, for trying it without Maven and JUnit.
        CrashSafety.Plan plan = "brief".equals(size) ? CrashSafety.Plan.brief()
                : CrashSafety.Plan.full(Integer.parseInt(size));
        CrashReport report = new CrashSafety(plan, Launcher.find()).run();
        System.out.println("\n=== crash safety: intended emails against the SMTP server ===");
        System.out.print(report.table());
        System.out.println(report.exactlyOnce() ? "exactly once: nothing lost, nothing duplicated, nothing unexpected"
                : "NOT exactly once");
        System.exit(report.exactlyOnce() ? 0 : 1);
    }
}

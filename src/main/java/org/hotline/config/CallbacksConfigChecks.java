package org.hotline.config;

/** The checks of {@code callbacks}: how a waiting caller who asked to be called back is dialled. */
final class CallbacksConfigChecks {

    private CallbacksConfigChecks() {
    }

    /** Checked even when callbacks are off, so that turning them on cannot fail at start. */
    static void callbacks(HotlineConfig.CallbacksSection c, ConfigProblems problems) {
        if (ConfigProblems.isBlank(c.customerDialString()) || !c.customerDialString().contains("{number}")) {
            problems.add("callbacks.customerDialString: '" + c.customerDialString()
                    + "' must name the number as {number}, e.g. PJSIP/{number}@pstn-out");
        }
        if (ConfigProblems.isBlank(c.agiUrl()) || !c.agiUrl().startsWith("agi://")) {
            problems.add("callbacks.agiUrl: '" + c.agiUrl() + "' must be an agi:// address of Hotline's FastAGI");
        }
        problems.between("callbacks.customerRingSeconds", c.customerRingSeconds(), 5, 120);
        problems.between("callbacks.tries", c.tries(), 1, 10);
        problems.between("callbacks.retryAfterSeconds", c.retryAfterSeconds(), 10, 86_400);
        problems.between("callbacks.minDigits", c.minDigits(), 3, 20);
        problems.between("callbacks.maxDigits", c.maxDigits(), Math.max(3, c.minDigits()), 20);
        if (c.prompts() == null) {
            problems.add("callbacks.prompts: must be a mapping of its keys, not empty");
            return;
        }
        problems.required("callbacks.prompts.offer", c.prompts().offer());
        problems.required("callbacks.prompts.number", c.prompts().number());
        problems.required("callbacks.prompts.confirmed", c.prompts().confirmed());
        problems.required("callbacks.prompts.greeting", c.prompts().greeting());
    }
}

package org.hotline.ivr;

/**
 * Which prompts exist, per language: the flow checker asks it so that a prompt the flow names but
 * nobody recorded stops start-up instead of playing silence. The config's implementation looks
 * at the prompt sources on disk; this package does no I/O itself.
 */
public interface PromptCatalog {

    boolean has(String language, String prompt);

    /** Where {@code prompt} in {@code language} was looked for, for the message (e.g. a file path). */
    String whereIs(String language, String prompt);

    /** Every prompt exists: used when the config gives no prompts directory to check against. */
    PromptCatalog UNCHECKED = new PromptCatalog() {
        @Override
        public boolean has(String language, String prompt) {
            return true;
        }

        @Override
        public String whereIs(String language, String prompt) {
            return prompt;
        }
    };
}

package org.hotline.standards;

import java.util.Map;

/**
 * The "greet and identify" standard: the agent's opening line, filled in with the center's, the
 * agent's and the customer's names so the agent can greet and confirm identity in one breath.
 * Placeholders are {@code {center}}, {@code {agent}} and {@code {customer}}; any other text in
 * braces is left as it is.
 */
public record Greeting(String center, String knownCallerTemplate, String unknownCallerTemplate) {

    /** The line for {@code agentName} greeting {@code customerName} (null: the caller is not known). */
    public String forCall(String agentName, String customerName) {
        String template = customerName == null || customerName.isBlank() ? unknownCallerTemplate : knownCallerTemplate;
        return fill(template, Map.of("center", center, "agent", nullToEmpty(agentName),
                "customer", nullToEmpty(customerName)));
    }

    /**
     * The line for a callback: the customer asked to be called back, so the agent says so first.
     * Not configurable yet; it follows the center's name and the customer's when known.
     */
    public String forCallback(String agentName, String customerName) {
        String who = customerName == null || customerName.isBlank() ? "" : " Am I speaking with " + customerName + "?";
        return "Hello, this is " + nullToEmpty(agentName) + " from " + center + ", returning your call as you asked." + who;
    }

    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String value = values.get(template.substring(open + 1, close));
            out.append(template, i, open).append(value != null ? value : template.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

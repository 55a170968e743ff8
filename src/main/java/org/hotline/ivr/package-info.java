/**
 * The IVR: flows as configuration ({@code ivr:} in the config), checked at start-up, and run per
 * call by {@link org.hotline.ivr.IvrRun}, a state machine with no I/O that the call script drives
 * ({@link org.hotline.ivr.Step} out, {@link org.hotline.ivr.Event} in).
 *
 * <p>Choices made where the issue is silent, after what admins know from the common flow
 * designers (Amazon Connect, Genesys Architect, Wazo):
 * <ul>
 *   <li><b>Sound names.</b> The prompt {@code NAME} plays as {@code <soundPrefix>/NAME} in the
 *       default language and {@code <soundPrefix>/LANG/NAME} in another; its source is
 *       {@code <promptsDirectory>/NAME.txt} or {@code <promptsDirectory>/LANG/NAME.txt}
 *       ({@link org.hotline.ivr.PromptSet}). Every prompt the flow plays must exist in every
 *       language it lists.</li>
 *   <li><b>Barge-in</b> is on for menus, collects, plays and says (a play or say may turn it off).
 *       A key that stops a play or say is carried into the next menu (as its choice) or collect (as
 *       its first key): callers who know the menu may type ahead.</li>
 *   <li><b>Tries.</b> Menus and collects wait 5 s and give 2 retries by default. Silence and a
 *       wrong entry share the count; after a wrong entry the caller hears {@code invalidPrompt} if
 *       set. The last silence goes to {@code noInput} (required, so a silent caller always goes
 *       somewhere), the last wrong entry to {@code invalid}, or {@code noInput}.</li>
 *   <li><b>Loops.</b> A cycle a caller who presses nothing could go round for ever is refused;
 *       a menu or collect on it does not excuse it when the cycle leaves through
 *       {@code noInput}.</li>
 *   <li><b>VIP.</b> With {@code vipSkipsMenu}, a VIP caller skips the first menu the call reaches
 *       (what comes before, e.g. the opening hours, still applies) to {@code vipRoute} at
 *       {@code vipPriority}, which must be above every route's own.</li>
 *   <li><b>Self-served.</b> A node marked {@code selfServed: true} means the caller got what they
 *       called for; a call that passed one and ends without an agent is self-served. Any other end
 *       without an agent is the caller leaving, or the flow hanging up (e.g. closed).</li>
 *   <li><b>Hours</b> are weekly {@code HH:mm-HH:mm} ranges per day or day range, end excluded,
 *       {@code 24:00} allowed, in the node's time zone; a holiday is closed all day and may have a
 *       branch of its own.</li>
 *   <li><b>Order look-up</b> searches the calling customer's own orders (from the customer data),
 *       matching the keyed digits against the digits of the order id ({@code O-500123} by
 *       {@code 500123}).</li>
 *   <li><b>The record.</b> The path has one entry per node passed (a menu or collect once per
 *       try) with the keys pressed there, or what a deciding node decided; {@code entered} holds
 *       the collected values and look-up results by name.</li>
 * </ul>
 */
package org.hotline.ivr;

package org.hotline.agi;

/**
 * One call's FastAGI logic. {@link #start} is called once, on the channel's event loop,
 * right after the environment arrived. The script drives the session asynchronously
 * through {@link AgiSession#send} and must return promptly: it must never block the
 * event loop (no {@code join()}, no blocking I/O), because one loop serves many calls.
 *
 * <p>The script ends the call's FastAGI part with {@link AgiSession#close()}; Asterisk then
 * continues the dialplan. An exception thrown by {@code start} is logged with the call's
 * uniqueid and the channel is closed. Failures later in the script's own future chains
 * are the script's to handle, typically with {@code .exceptionally(session::abort)}; a
 * chain that neither closes nor aborts leaves the session to the idle timeout.
 */
@FunctionalInterface
public interface AgiScript {
    void start(AgiSession session);
}

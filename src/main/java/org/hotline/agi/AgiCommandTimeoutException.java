package org.hotline.agi;

/**
 * A command got no final reply within its deadline: Asterisk (or the network) is hung. The
 * session is closed, which Asterisk sees as Hotline failing, so its dialplan's fallback answers
 * the caller.
 */
public final class AgiCommandTimeoutException extends AgiSessionClosedException {

    public AgiCommandTimeoutException(String message) {
        super(message);
    }
}

package org.hotline.agi;

/**
 * A command could not get its reply because the FastAGI channel closed: the peer went
 * away, the session was closed by the script or the server, or the server stopped.
 */
public class AgiSessionClosedException extends RuntimeException {
    public AgiSessionClosedException(String message) {
        super(message);
    }
}

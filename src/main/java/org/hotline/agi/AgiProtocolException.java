package org.hotline.agi;

/**
 * The peer broke the FastAGI protocol or one of its configured limits. Thrown by the
 * plain parser; the decoder adds the peer's address and closes only that channel.
 */
public class AgiProtocolException extends RuntimeException {
    public AgiProtocolException(String message) {
        super(message);
    }
}

package org.hotline.ami;

/** Why an AMI action's future failed. */
public class AmiException extends RuntimeException {

    public AmiException(String message) {
        super(message);
    }

    public AmiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Asterisk answered {@code Response: Error}; {@link #response()} holds its message. */
    public static final class ActionFailed extends AmiException {
        private final transient AmiMessage response;

        public ActionFailed(String action, AmiMessage response) {
            super("AMI action " + action + " failed: " + response.valueOr("Message", "(no message)"));
            this.response = response;
        }

        public AmiMessage response() {
            return response;
        }
    }

    /** No (complete) answer arrived within the action's timeout. */
    public static final class Timeout extends AmiException {
        public Timeout(String message) {
            super(message);
        }
    }

    /** The connection was lost or closed, or was not up, before the answer arrived. */
    public static final class NotConnected extends AmiException {
        public NotConnected(String message) {
            super(message);
        }
    }

    /** Asterisk refused the login (wrong username or secret, or an ACL). */
    public static final class LoginRefused extends AmiException {
        public LoginRefused(String message) {
            super(message);
        }
    }
}

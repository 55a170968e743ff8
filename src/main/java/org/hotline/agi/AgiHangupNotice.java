package org.hotline.agi;

/**
 * A standalone {@code HANGUP} line: the caller hung up. It may arrive between replies
 * or while a command is pending, and is never the reply to that command.
 */
enum AgiHangupNotice implements AgiMessage {
    INSTANCE
}

package org.hotline.agi;

/**
 * What the decoder emits: the environment once, then replies and hang-up notices in
 * wire order. Package-private: only the pipeline sees this union.
 */
sealed interface AgiMessage permits AgiEnvironment, AgiReply, AgiHangupNotice {
}

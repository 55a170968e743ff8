/**
 * Hotline's own Asterisk Manager Interface client, on Netty.
 *
 * <p>Why not Asterisk-Java's {@code ManagerConnection}: one asynchronous I/O model with the FastAGI and
 * web servers (they can share event loops); a tiny protocol ({@code Key: Value\r\n} lines, a blank line
 * ends a message, a {@code Asterisk Call Manager/x.y.z} banner first); reconnect, backoff and resync that
 * we control and test; and no 1,500-line manager class.
 *
 * <p>The pipeline ({@link org.hotline.ami.AmiChannelInitializer}): {@link org.hotline.ami.AmiDecoder}
 * (lines, capped, into {@link org.hotline.ami.AmiMessageParser}) → {@link org.hotline.ami.AmiEncoder} →
 * {@link org.hotline.ami.AmiConnection} (correlation by ActionID, list collection). Around it,
 * {@link org.hotline.ami.AmiClient} keeps a session up (login, resync via
 * {@link org.hotline.ami.AmiResync}, ping, {@link org.hotline.ami.ReconnectBackoff}) and publishes
 * {@link org.hotline.call.TelephonyEvent}s made by {@link org.hotline.ami.AmiEventTranslator}, the only
 * place that knows AMI field names.
 */
package org.hotline.ami;

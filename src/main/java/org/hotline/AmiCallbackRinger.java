package org.hotline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hotline.ami.AmiAction;
import org.hotline.ami.AmiClient;
import org.hotline.session.CallbackDesk;

/**
 * Rings an agent for a callback with AMI {@code Originate}: asynchronous (Asterisk reports the end
 * as {@code OriginateResponse}), with the channel's uniqueid chosen by Hotline ({@code ChannelId})
 * so that the report and the FastAGI session of the answered channel can be matched to the callback.
 */
final class AmiCallbackRinger implements CallbackDesk.AgentRinger {

    private final AmiClient ami;

    AmiCallbackRinger(AmiClient ami) {
        this.ami = ami;
    }

    @Override
    public CompletableFuture<Void> ring(String channelId, String dialString, Duration ringFor, String agiUrl,
                                        String callerIdName, String callerIdNumber) {
        AmiAction originate = AmiAction.of("Originate")
                .with("Channel", dialString)
                .with("Application", "AGI")
                .with("Data", agiUrl)
                .with("ChannelId", channelId)
                .with("CallerID", "\"" + callerIdName.replace("\"", "") + "\" <" + callerIdNumber + ">")
                .with("Timeout", Long.toString(ringFor.toMillis()))
                .with("Async", "true");
        return ami.send(originate).handle((reply, error) -> {
            if (error != null) {
                throw new UncheckedIOException(new IOException("Asterisk did not take the Originate: " + error.getMessage(), error));
            }
            if (!reply.isSuccess()) {
                throw new UncheckedIOException(new IOException("Asterisk refused the Originate: "
                        + reply.valueOr("Message", "no reason")));
            }
            return null;
        });
    }
}

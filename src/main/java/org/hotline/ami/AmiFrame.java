package org.hotline.ami;

/** What {@link AmiDecoder} hands up the pipeline: the greeting banner once, then messages. */
public sealed interface AmiFrame permits AmiBanner, AmiMessage {
}

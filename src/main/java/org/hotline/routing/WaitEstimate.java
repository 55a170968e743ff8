package org.hotline.routing;

import java.util.OptionalInt;

/**
 * What a waiting caller is told about their wait: their place in line and, when Hotline can say it
 * honestly, about how many whole minutes remain (rounded up, at least 1).
 *
 * @param position 1-based place among the callers of the queue waiting without an agent; 1 is next
 * @param minutes  the estimated wait in whole minutes, rounded up; empty when unknown (no agent
 *                 staffed, or too little history): the caller then hears nothing about time
 * @param basis    how the figure was reached, for the call's record, e.g. {@code "4 answers in 15 min"}
 */
public record WaitEstimate(int position, OptionalInt minutes, String basis) {

    public WaitEstimate {
        if (position < 1) {
            throw new IllegalArgumentException("position " + position + " (1 is the next caller)");
        }
        if (minutes.isPresent() && minutes.getAsInt() < 1) {
            throw new IllegalArgumentException("minutes " + minutes.getAsInt() + " (a wait is said as at least 1 minute)");
        }
    }

    /** The next caller the queue serves: they hear "you are next", and nothing about minutes. */
    public boolean next() {
        return position == 1;
    }

    /** What the caller heard, for the call's timeline: {@code "position 2, about 3 min"}. */
    public String heard() {
        if (next()) {
            return "position 1, next";
        }
        return "position " + position + (minutes.isPresent() ? ", about " + minutes.getAsInt() + " min" : ", wait unknown")
                + " (" + basis + ")";
    }
}

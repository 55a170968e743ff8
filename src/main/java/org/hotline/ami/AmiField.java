package org.hotline.ami;

import java.util.Objects;

/** One {@code Key: Value} line of an AMI message or action. */
public record AmiField(String name, String value) {

    public AmiField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}

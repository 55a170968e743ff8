package org.hotline.customer;

/** An order the customer placed, with its status in words the IVR can read back. */
public record Order(String id, String status) {
}

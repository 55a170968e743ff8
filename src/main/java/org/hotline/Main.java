package org.hotline;

public final class Main {
    public static void main(String[] args) {
    }
}

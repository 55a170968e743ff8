package org.hotline.standards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreetingTest {

    private final Greeting greeting = new Greeting("Acme Support",
            "Thank you for calling {center}, this is {agent}. Am I speaking with {customer}?",
            "Thank you for calling {center}, this is {agent}. May I have your name?");

    @Test
    void aKnownCallerIsGreetedByName() {
        assertEquals("Thank you for calling Acme Support, this is Bob. Am I speaking with Jane Doe?",
                greeting.forCall("Bob", "Jane Doe"));
    }

    @Test
    void anUnknownCallerIsAskedForTheirName() {
        assertEquals("Thank you for calling Acme Support, this is Bob. May I have your name?",
                greeting.forCall("Bob", null));
        assertEquals(greeting.forCall("Bob", null), greeting.forCall("Bob", " "));
    }

    @Test
    void unknownPlaceholdersAndUnbalancedBracesStayAsWritten() {
        Greeting g = new Greeting("C", "Hi {customer}, {weather} today {", "x");
        assertEquals("Hi Jo, {weather} today {", g.forCall("A", "Jo"));
    }

    @Test
    void namesAreInsertedLiterallyNotAsTemplates() {
        assertEquals("Thank you for calling Acme Support, this is {center}. Am I speaking with $1?",
                greeting.forCall("{center}", "$1"));
    }
}

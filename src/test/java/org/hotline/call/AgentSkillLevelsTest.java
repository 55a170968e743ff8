package org.hotline.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSkillLevelsTest {

    @Test
    void entriesAreANameOrANameWithALevel() {
        assertEquals(new SkillLevel("support", 1), SkillLevel.parse("support"));
        assertEquals(new SkillLevel("billing", 5), SkillLevel.parse("billing:5"));
        assertEquals(new SkillLevel("zh-CN", 10), SkillLevel.parse(" zh-CN:10 "));
    }

    @Test
    void anythingElseIsRefusedWithTheEntryNamed() {
        for (String bad : List.of("billing:x", "billing:", ":3", "two words", "a:1:2", "", "billing:-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SkillLevel.parse(bad));
            assertEquals("'" + bad + "' is not name or name:level", e.getMessage());
        }
        assertEquals("level 11 of 'billing' is outside 1..10",
                assertThrows(IllegalArgumentException.class, () -> SkillLevel.parse("billing:11")).getMessage());
        assertEquals("level 0 of 'billing' is outside 1..10",
                assertThrows(IllegalArgumentException.class, () -> SkillLevel.parse("billing:0")).getMessage());
    }

    @Test
    void anAgentKeepsTheNamesForExistingUsersAndTheLevelsBeside() {
        Agent agent = new Agent("a", "Ann", "1001", List.of("support:3", "billing:5", "zh:4"));
        assertEquals(List.of("support", "billing", "zh"), agent.skills());
        assertEquals(Map.of("support", 3, "billing", 5, "zh", 4), agent.skillLevels());
        assertTrue(agent.has("zh"));
        assertEquals(0, agent.level("fr"));
        Agent plain = new Agent("b", "Bob", "1002", List.of("support"));
        assertEquals(1, plain.level("support"), "a bare name is level 1");
    }

    @Test
    void levelsMustNameTheAgentsSkills() {
        assertThrows(IllegalArgumentException.class,
                () -> new Agent("a", "Ann", "1001", List.of("support"), Map.of("billing", 2)));
        assertThrows(IllegalArgumentException.class,
                () -> new Agent("a", "Ann", "1001", List.of("support"), Map.of("support", 11)));
    }
}
